package org.proofwork.review;

import java.time.Instant;

import org.proofwork.lti.CourseKey;

/**
 * One rubric scoring of one submitted version, as stored.
 *
 * @param assessorSubject whose seat it is: {@link #SHARED} when the course has one assessor (any of its assessors
 * scores it), the assessor's LTI {@code sub} in double-blind scoring
 * @param version the optimistic lock: a save names the version it was typed on and is refused if it is not current
 * @param savedBy who saved last (for the log and the assessors, never shown to the educator)
 */
record RubricScore(String id, CourseKey course, String workspaceId, int workspaceVersion, String assessorSubject,
		ScoreSheet sheet, State state, int version, String savedBy, Instant savedAt, Instant submittedAt) {

	/** The seat of the one review a course with a single assessor shares. */
	static final String SHARED = "";

	enum State {

		/** Being scored; saved as often as the assessor likes. */
		IN_PROGRESS,

		/** Final for this assessor: decided (one assessor) or handed in for comparison (double-blind). */
		SUBMITTED
	}

	boolean submitted() {
		return state == State.SUBMITTED;
	}

	boolean shared() {
		return SHARED.equals(assessorSubject);
	}
}
