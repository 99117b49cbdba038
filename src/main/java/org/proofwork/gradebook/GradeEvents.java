package org.proofwork.gradebook;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.review.DecisionRecorded;
import org.proofwork.submission.SubmissionSubmitted;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Turns submissions and decisions into scores owed to the gradebook.
 * <p>
 * Why a decision and its pending delivery are never apart: the review module publishes {@link DecisionRecorded} in
 * the transaction that records the decision, and Spring Modulith's JDBC registry stores the publication
 * (EVENT_PUBLICATION) in that same transaction. After commit, this listener records the score rows and queues their
 * executions (db-scheduler's scheduled_tasks, same connection) in one transaction of their own
 * ({@link ScoreOutbox#record}), and the registry marks the publication complete only when that succeeded. A crash
 * in between leaves the publication incomplete: it is republished on restart, and failed ones are resubmitted every
 * minute ({@link FailedGradeEvents}); the rows' unique (event, person) key makes a replay add nothing.
 * <p>
 * The listener itself runs outside a transaction so that a transaction the database broke off (a deadlock, a lock
 * wait timeout) can be tried again at once. The ids are what EVENT_PUBLICATION stores: never change them.
 */
@Component
class GradeEvents {

	private static final Logger log = LoggerFactory.getLogger(GradeEvents.class);

	/** Listener ids start with this; {@link FailedGradeEvents} resubmits only these. */
	static final String LISTENER_ID_PREFIX = "gradebook.";

	/** Tries of one recording when the database breaks the transaction off. */
	static final int RECORDING_TRIES = 5;

	private final ScoreOutbox outbox;

	GradeEvents(ScoreOutbox outbox) {
		this.outbox = outbox;
	}

	@ApplicationModuleListener(id = LISTENER_ID_PREFIX + "submission-scores", propagation = Propagation.NOT_SUPPORTED)
	void submitted(SubmissionSubmitted event) {
		record(OwedScore.of(event));
	}

	@ApplicationModuleListener(id = LISTENER_ID_PREFIX + "decision-scores", propagation = Propagation.NOT_SUPPORTED)
	void decided(DecisionRecorded event) {
		record(OwedScore.of(event));
	}

	private void record(List<OwedScore> scores) {
		for (int attempt = 1;; attempt++) {
			try {
				outbox.record(scores);
				return;
			}
			catch (TransientDataAccessException ex) {
				if (attempt >= RECORDING_TRIES) {
					throw ex;
				}
				log.info("Recording scores broken off by the database (try {}), trying again: {}", attempt,
						ex.getMessage());
				pause(attempt);
			}
		}
	}

	/** A short random wait that grows, so two transactions that deadlocked do not collide again. */
	private static void pause(int attempt) {
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100) * attempt);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while recording scores", ex);
		}
	}
}
