package org.proofwork.review;

import java.time.Instant;
import java.util.List;

import org.proofwork.submission.GradeTarget;

/**
 * A final decision on a submitted version: Earned or Not yet. Published in the transaction that records it, so the
 * gradebook delivery and the credential issuing that follow are never lost.
 *
 * @param decisionId unique per decision; a regrade is a new decision with a new id
 * @param overallFeedback the assessor's overall comment, sent to the gradebook as the score's comment
 * @param memberSubjects the LTI {@code sub} of everybody the decision is for (the team of a team credential)
 * @param rubricLevels the level reached per rubric component id
 */
public record DecisionRecorded(String decisionId, String workspaceId, int version, Outcome outcome,
		String overallFeedback, long registrationId, String deploymentId, String contextId, String resourceLinkId,
		String credentialId, List<String> memberSubjects, java.util.Map<String, String> rubricLevels,
		GradeTarget gradeTarget, Instant decidedAt) {

	public DecisionRecorded {
		memberSubjects = List.copyOf(memberSubjects);
		rubricLevels = java.util.Map.copyOf(rubricLevels);
	}

	public enum Outcome {
		EARNED, NOT_YET
	}
}
