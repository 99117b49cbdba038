package org.proofwork.gradebook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scores the tool owes platforms. Recording a score writes its row and queues its delivery in one transaction;
 * a newer score of the same cell supersedes older ones that were not delivered, so a stale state never reaches the
 * gradebook after a newer one.
 */
@Service
class ScoreOutbox {

	private static final Logger log = LoggerFactory.getLogger(ScoreOutbox.class);

	private final ScoreDeliveries deliveries;

	private final DeliveryQueue queue;

	private final Clock clock;

	ScoreOutbox(ScoreDeliveries deliveries, DeliveryQueue queue, Clock clock) {
		this.deliveries = deliveries;
		this.queue = queue;
		this.clock = clock;
	}

	/**
	 * Records the scores one event owes (one per member) and queues their delivery. An event seen before (the
	 * registry republishes an event whose listener did not complete) adds nothing.
	 */
	@Transactional
	void record(List<OwedScore> scores) {
		Instant now = clock.instant();
		for (OwedScore owed : scores) {
			if (deliveries.exists(owed.eventKey(), owed.cell().userId())) {
				log.debug("Score for {} of {} already recorded", owed.cell().userId(), owed.eventKey());
				continue;
			}
			Optional<ScoreDelivery> newest = deliveries.newestOf(owed.cell());
			if (newest.isPresent() && newest.get().owed().isAfter(owed)) {
				// Arrived late: what happened after it is already on its way, so it is history only.
				deliveries.insert(owed, DeliveryState.SUPERSEDED, null, now);
				continue;
			}
			deliveries.supersedeUndelivered(owed.cell(), now);
			Optional<DeliveryProblem> impossible = owed.impossibility();
			if (impossible.isPresent()) {
				deliveries.insert(owed, DeliveryState.NOT_POSSIBLE, impossible.get(), now);
				log.info("Score for {} of {} cannot be sent: {}", owed.cell().userId(), owed.eventKey(),
						impossible.get());
				continue;
			}
			long id = deliveries.insert(owed, DeliveryState.PENDING, null, now);
			queue.enqueue(id, now);
		}
	}

	/**
	 * Sends a refused or parked score again, with a new timestamp and a fresh count of tries. Only the newest score
	 * of its cell can be sent again: an older one would overwrite a newer state.
	 * @return false when it cannot be sent again (not refused or parked, or no longer the newest)
	 */
	@Transactional
	boolean sendAgain(ScoreDelivery delivery) {
		boolean queued = reopen(delivery, clock.instant());
		if (queued) {
			log.info("Score delivery {} for {} sent again", delivery.id(), delivery.cell().userId());
		}
		return queued;
	}

	/**
	 * Sends every parked score of one platform again, oldest first: what an administrator does once a platform that
	 * was down for hours is back. Each goes out as {@link #sendAgain} would send it; the per-host in-flight limit
	 * paces them.
	 * @return how many were queued (a parked score that is no longer its cell's newest stays parked)
	 */
	@Transactional
	int sendParkedAgain(long registrationId) {
		Instant now = clock.instant();
		int queued = 0;
		for (ScoreDelivery delivery : deliveries.parked(registrationId)) {
			if (reopen(delivery, now)) {
				queued++;
			}
		}
		log.info("{} parked score deliveries for platform {} sent again", queued, registrationId);
		return queued;
	}

	private boolean reopen(ScoreDelivery delivery, Instant now) {
		Optional<ScoreDelivery> newest = deliveries.newestOf(delivery.cell());
		if (newest.isEmpty() || newest.get().id() != delivery.id() || !delivery.state().canBeSentAgain()) {
			return false;
		}
		if (!deliveries.reopen(delivery.id(), now)) {
			return false;
		}
		queue.enqueue(delivery.id(), now);
		return true;
	}
}
