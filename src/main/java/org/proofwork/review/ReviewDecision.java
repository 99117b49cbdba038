package org.proofwork.review;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.proofwork.lti.CourseKey;
import org.proofwork.review.DecisionRecorded.Outcome;

/**
 * The final decision on a submitted version: what the earning rule made of the final levels, with the feedback the
 * educator reads.
 *
 * @param id the {@link DecisionRecorded#decisionId()} it was published with
 * @param sheet the final levels, the feedback per component and the overall comment
 * @param decidedBy whose action made the decision (never shown to the educator)
 */
record ReviewDecision(String id, CourseKey course, String workspaceId, int workspaceVersion, String credentialId,
		Outcome outcome, ScoreSheet sheet, Method method, String decidedBy, Instant decidedAt) {

	enum Method {

		/** The course's one assessor decided. */
		SINGLE,

		/** Both double-blind assessors submitted the same levels. */
		AGREED,

		/** The assessors disagreed and the instructor reconciled their scores. */
		RECONCILED
	}

	/** How pages show a time: the same on every node and for every reader, whatever their zone. */
	static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	public boolean earned() {
		return outcome == Outcome.EARNED;
	}

	public String decidedAtText() {
		return SHOWN.format(decidedAt);
	}
}
