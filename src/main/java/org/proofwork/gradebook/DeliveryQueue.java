package org.proofwork.gradebook;

import java.time.Clock;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues the delivery of a score as a db-scheduler execution. The scheduler writes through a
 * {@code TransactionAwareDataSourceProxy}, so the execution is inserted in the caller's transaction: the score row
 * and its execution are committed together, or neither is.
 */
@Component
class DeliveryQueue {

	/** The db-scheduler task name; its instance id is the score_delivery id. Stored in rows: never rename. */
	static final String TASK = "score-delivery";

	private final Scheduler scheduler;

	private final Clock clock;

	DeliveryQueue(Scheduler scoreDeliveryScheduler, Clock clock) {
		this.scheduler = scoreDeliveryScheduler;
		this.clock = clock;
	}

	static TaskInstance<Void> instance(long deliveryId) {
		return new TaskInstance<>(TASK, Long.toString(deliveryId));
	}

	/** Queues the delivery to run at {@code at}; nothing happens when it is queued already. */
	void enqueue(long deliveryId, Instant at) {
		scheduler.scheduleIfNotExists(instance(deliveryId), at);
		if (!at.isAfter(clock.instant())) {
			startSoon();
		}
	}

	/**
	 * Wakes this node's scheduler once the queued execution is visible, instead of waiting for its next poll:
	 * a new score usually reaches the gradebook within a second.
	 */
	private void startSoon() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					scheduler.triggerCheckForDueExecutions();
				}
			});
		}
		else {
			scheduler.triggerCheckForDueExecutions();
		}
	}
}
