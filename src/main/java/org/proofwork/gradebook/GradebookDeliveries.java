package org.proofwork.gradebook;

import java.util.List;

import org.proofwork.lti.CourseKey;

import org.springframework.stereotype.Service;

/**
 * What other modules may ask the gradebook: where the scores of a workspace stand.
 */
@Service
public class GradebookDeliveries {

	private final ScoreDeliveries deliveries;

	GradebookDeliveries(ScoreDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	/**
	 * The latest score owed to each member of a workspace in this course (one for an individual credential, one per
	 * member for a team), in the order the members first got one. Empty before the first submission.
	 */
	public List<DeliveryStatus> statusFor(CourseKey course, String workspaceId) {
		return CourseGradebook.latestPerCell(deliveries.ofWorkspace(course, workspaceId))
			.stream()
			.map(ScoreDelivery::status)
			.toList();
	}
}
