package org.proofwork.gradebook;

import java.util.Locale;

import org.proofwork.lti.PlatformServiceException;

/**
 * Why a score did not reach the gradebook, with the message keys (bundle {@code i18n/gradebook}) that tell the
 * instructor what happened and what to do.
 */
enum DeliveryProblem {

	/** The platform holds a later score (Moodle 409; Canvas 400 "timestamp"): sending again takes a new one. */
	STALE_TIMESTAMP("stale"),

	/** Not a student of the course, or no attempts left (Canvas 422, Moodle 400). */
	NOT_GRADABLE("not-gradable"),

	/** The gradebook column is gone (404): sending again finds or creates another. */
	COLUMN_GONE("column-gone"),

	/** Any other refusal; the platform's own words are kept with it. */
	REFUSED("refused"),

	/** The launch carried no AGS claim (Moodle without "Accept grades from the tool"). */
	NO_GRADE_SERVICE("no-grade-service"),

	/** The platform did not grant the score scope. */
	NO_SCORE_SCOPE("no-score-scope"),

	/** The platform registration was removed. */
	PLATFORM_GONE("platform-gone"),

	/** It failed again and again (platform down or erroring) and was parked. */
	KEEPS_FAILING("keeps-failing"),

	/** The last try failed; another follows (shown while a score is still pending). */
	RETRYING("retrying");

	private final String key;

	DeliveryProblem(String key) {
		this.key = key;
	}

	String titleCode() {
		return "gradebook.problem." + key + ".title";
	}

	String adviceCode() {
		return "gradebook.problem." + key + ".advice";
	}

	/** What a final refusal of a score means for the people who look after it. */
	static DeliveryProblem refusal(PlatformServiceException refusal) {
		int status = refusal.status().orElse(0);
		return switch (status) {
			case 409 -> STALE_TIMESTAMP;
			// Canvas answers 400 to a timestamp earlier than the one it holds; Moodle answers 400 to a user it
			// cannot grade (and 409 to a stale timestamp).
			case 400 -> refusal.responseExcerpt().toLowerCase(Locale.ROOT).contains("timestamp") ? STALE_TIMESTAMP
					: NOT_GRADABLE;
			case 422 -> NOT_GRADABLE;
			case 404, 410 -> COLUMN_GONE;
			default -> REFUSED;
		};
	}
}
