package org.proofwork.submission;

import java.time.Instant;
import java.util.List;

/**
 * An educator (or a team) submitted version {@code version} of a workspace. Published in the transaction that freezes
 * the version, through Spring Modulith's event publication registry, so the gradebook's "submitted, pending manual
 * grading" score is never lost.
 *
 * @param registrationId the platform registration (tenancy)
 * @param deploymentId the deployment (tenancy)
 * @param contextId the course (tenancy)
 * @param resourceLinkId the course link the workspace belongs to
 * @param memberSubjects the LTI {@code sub} of every member who gets the score (one for an individual credential,
 * the team for a team credential)
 */
public record SubmissionSubmitted(String workspaceId, int version, long registrationId, String deploymentId,
		String contextId, String resourceLinkId, String credentialId, List<String> memberSubjects,
		GradeTarget gradeTarget, Instant submittedAt) {

	public SubmissionSubmitted {
		memberSubjects = List.copyOf(memberSubjects);
	}
}
