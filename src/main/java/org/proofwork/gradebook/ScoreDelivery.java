package org.proofwork.gradebook;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import org.proofwork.review.DecisionRecorded;

/**
 * A score owed to a platform and what has become of it: one row of the outbox.
 *
 * @param failedAttempts tries that failed in a way worth retrying (throttling does not count)
 * @param nextAttemptAt when the next try is due, while it waits after a failure
 * @param lineItemUrl the column it was (or is being) sent to
 * @param scoreGiven what was sent, null for a submission
 * @param sentTimestamp the score timestamp of the last try
 * @param problem why it failed or is waiting, or null
 * @param problemDetail the platform's own words (status and response excerpt), for support
 */
record ScoreDelivery(long id, OwedScore owed, DeliveryState state, int failedAttempts, Instant nextAttemptAt,
		URI lineItemUrl, Double scoreGiven, Double scoreMaximum, Instant sentTimestamp, Instant deliveredAt,
		DeliveryProblem problem, String problemDetail, Instant recordedAt, Instant updatedAt) {

	Cell cell() {
		return owed.cell();
	}

	boolean isSubmission() {
		return owed.kind() == OwedScore.Kind.SUBMITTED;
	}

	boolean isEarned() {
		return owed.outcome() == DecisionRecorded.Outcome.EARNED;
	}

	DeliveryStatus status() {
		return new DeliveryStatus(cell().userId(), state, isSubmission(),
				isSubmission() ? Optional.empty() : Optional.of(isEarned()), Optional.ofNullable(deliveredAt),
				Optional.ofNullable(problem).map(DeliveryProblem::titleCode),
				Optional.ofNullable(problem).map(DeliveryProblem::adviceCode));
	}
}
