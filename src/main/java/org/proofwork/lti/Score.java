package org.proofwork.lti;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One score for one user on one line item, as AGS posts it. Null fields are left out of the JSON.
 * <p>
 * Platforms order scores by {@code timestamp}: Moodle wants each one strictly later than the last at one-second
 * resolution (else 409), Canvas refuses an earlier one (400). Moodle keeps {@code scoreGiven} only with
 * {@link GradingProgress#FULLY_GRADED} and clears the cell otherwise.
 *
 * @param userId the person's LTI user id ({@code sub} of their launch)
 * @param scoreGiven the score, or null to post progress only
 * @param scoreMaximum the maximum {@code scoreGiven} is out of; required with {@code scoreGiven}
 * @param comment feedback shown with the grade (Moodle's gradebook feedback), or null
 * @param extensions further top-level fields, such as Canvas's submission extension ({@link #withCanvasSubmission})
 */
public record Score(String userId, Double scoreGiven, Double scoreMaximum, String comment, Instant timestamp,
		ActivityProgress activityProgress, GradingProgress gradingProgress, Map<String, Object> extensions) {

	/** ISO 8601 with milliseconds and an explicit offset, as in the AGS examples. */
	static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx")
		.withZone(ZoneOffset.UTC);

	private static final Set<String> FIELDS = Set.of("userId", "scoreGiven", "scoreMaximum", "comment", "timestamp",
			"activityProgress", "gradingProgress");

	public Score {
		if (userId == null || userId.isBlank()) {
			throw new IllegalArgumentException("A score needs the user's id");
		}
		Objects.requireNonNull(timestamp, "A score needs a timestamp");
		Objects.requireNonNull(activityProgress, "A score needs an activityProgress");
		Objects.requireNonNull(gradingProgress, "A score needs a gradingProgress");
		if (scoreGiven != null && scoreMaximum == null) {
			// Moodle refuses it, and a number without its maximum means nothing to any gradebook.
			throw new IllegalArgumentException("scoreMaximum is required whenever scoreGiven is sent");
		}
		if (scoreGiven != null && (!(scoreGiven >= 0) || scoreGiven.isInfinite())) {
			throw new IllegalArgumentException("scoreGiven must be a number of at least 0: " + scoreGiven);
		}
		if (scoreMaximum != null && (!(scoreMaximum > 0) || scoreMaximum.isInfinite())) {
			throw new IllegalArgumentException("scoreMaximum must be a positive number: " + scoreMaximum);
		}
		extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
		for (String key : extensions.keySet()) {
			if (FIELDS.contains(key)) {
				throw new IllegalArgumentException("Extension " + key + " would replace a score field");
			}
		}
	}

	/** A final grade: the work is complete and graded. */
	public static Score fullyGraded(String userId, double scoreGiven, double scoreMaximum, String comment,
			Instant timestamp) {
		return new Score(userId, scoreGiven, scoreMaximum, comment, timestamp, ActivityProgress.COMPLETED,
				GradingProgress.FULLY_GRADED, Map.of());
	}

	/** This score with one more top-level field. */
	public Score withExtension(String key, Object value) {
		Map<String, Object> more = new LinkedHashMap<>(extensions);
		more.put(key, value);
		return new Score(userId, scoreGiven, scoreMaximum, comment, timestamp, activityProgress, gradingProgress,
				more);
	}

	/** This score with Canvas's submission extension, which makes it a real submission in Canvas. */
	public Score withCanvasSubmission(CanvasSubmission submission) {
		return withExtension(CanvasSubmission.KEY, submission.fields());
	}

	/** How far the user is with the activity. */
	public enum ActivityProgress {

		INITIALIZED("Initialized"), STARTED("Started"), IN_PROGRESS("InProgress"), SUBMITTED("Submitted"),
		COMPLETED("Completed");

		private final String value;

		ActivityProgress(String value) {
			this.value = value;
		}

		/** The name AGS uses. */
		public String value() {
			return value;
		}
	}

	/** How far grading is; only {@code FULLY_GRADED} makes a score final. */
	public enum GradingProgress {

		FULLY_GRADED("FullyGraded"), PENDING("Pending"),
		/** Canvas puts the work in SpeedGrader's queue for a person to grade. */
		PENDING_MANUAL("PendingManual"), FAILED("Failed"), NOT_READY("NotReady");

		private final String value;

		GradingProgress(String value) {
			this.value = value;
		}

		/** The name AGS uses. */
		public String value() {
			return value;
		}
	}

	/**
	 * Canvas's {@code https://canvas.instructure.com/lti/submission} extension.
	 *
	 * @param newSubmission whether this score comes with a new submission (a new attempt) rather than a regrade
	 * @param submissionType Canvas's submission type, such as {@code basic_lti_launch} or {@code online_url}
	 * @param submissionData what was submitted (for {@code basic_lti_launch} and {@code online_url}, a URL), or null
	 * @param submittedAt when the work was submitted, or null for the score's timestamp
	 */
	public record CanvasSubmission(boolean newSubmission, String submissionType, String submissionData,
			Instant submittedAt) {

		public static final String KEY = "https://canvas.instructure.com/lti/submission";

		public CanvasSubmission {
			if (submissionType == null || submissionType.isBlank()) {
				throw new IllegalArgumentException("A Canvas submission needs a submission_type");
			}
		}

		Map<String, Object> fields() {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("new_submission", newSubmission);
			fields.put("submission_type", submissionType);
			if (submissionData != null) {
				fields.put("submission_data", submissionData);
			}
			if (submittedAt != null) {
				fields.put("submitted_at", TIMESTAMP.format(submittedAt));
			}
			return fields;
		}
	}
}
