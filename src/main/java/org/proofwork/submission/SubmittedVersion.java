package org.proofwork.submission;

import java.time.Instant;
import java.util.List;

/**
 * A frozen submission: what the educator submitted as version {@code number}, with the checks as they were then.
 */
public record SubmittedVersion(String workspaceId, int number, String credentialId, Answers answers,
		List<CheckResult> checks, Instant submittedAt) {

	public SubmittedVersion {
		checks = List.copyOf(checks);
	}

	/** When it was submitted, in UTC, as people read it. */
	public String submittedAtText() {
		return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.withZone(java.time.ZoneOffset.UTC)
			.format(submittedAt);
	}
}
