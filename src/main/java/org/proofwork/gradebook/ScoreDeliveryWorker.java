package org.proofwork.gradebook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.lti.AssignmentGradeService;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.lti.PlatformServiceException;
import org.proofwork.lti.Score;
import org.proofwork.system.ProofworkProperties;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriUtils;

/**
 * Delivers one queued score: finds its column, takes the next timestamp of the cell, posts it, and records what
 * happened. Runs as a db-scheduler task, so it happens at least once, on one node at a time, and is taken over by
 * another node when this one dies mid-way.
 * <ul>
 * <li>platform down, slow or erroring (5xx, timeouts): tried again later with exponential backoff and jitter (and
 * the platform's {@code Retry-After}); after {@code max-attempts} failures the score is parked;</li>
 * <li>throttled (429, Canvas's 403 "Rate Limit Exceeded"): the whole host pauses on this node for the time asked,
 * and the score waits without losing a try;</li>
 * <li>refused for good (stale timestamp, a person who cannot be graded, a deleted column): failed at once, with
 * advice for the instructor.</li>
 * </ul>
 */
@Component
class ScoreDeliveryWorker {

	private static final Logger log = LoggerFactory.getLogger(ScoreDeliveryWorker.class);

	private final ScoreDeliveries deliveries;

	private final GradebookColumns columns;

	private final ScoreClock scoreClock;

	private final PlatformHosts hosts;

	private final RetryPolicy retry;

	private final AssignmentGradeService grades;

	private final PlatformRegistry platforms;

	private final TransactionTemplate transactions;

	private final ProofworkProperties proofwork;

	private final GradebookSettings settings;

	private final Clock clock;

	ScoreDeliveryWorker(ScoreDeliveries deliveries, GradebookColumns columns, ScoreClock scoreClock,
			PlatformHosts hosts, RetryPolicy retry, AssignmentGradeService grades, PlatformRegistry platforms,
			TransactionTemplate transactions, ProofworkProperties proofwork, GradebookSettings settings, Clock clock) {
		this.deliveries = deliveries;
		this.columns = columns;
		this.scoreClock = scoreClock;
		this.hosts = hosts;
		this.retry = retry;
		this.grades = grades;
		this.platforms = platforms;
		this.transactions = transactions;
		this.proofwork = proofwork;
		this.settings = settings;
		this.clock = clock;
	}

	/** The db-scheduler task: one execution per score_delivery row, its id as the instance id. */
	CustomTask<Void> task() {
		return Tasks.custom(DeliveryQueue.TASK, Void.class)
			.onDeadExecutionRevive()
			.onFailure(this::onUnexpectedFailure)
			.execute((instance, context) -> deliver(Long.parseLong(instance.getId())));
	}

	CompletionHandler<Void> deliver(long id) {
		Optional<ScoreDelivery> found = deliveries.find(id);
		if (found.isEmpty() || found.get().state() != DeliveryState.PENDING) {
			// Superseded, sent again elsewhere or removed with its platform: nothing left to do.
			return done();
		}
		ScoreDelivery delivery = found.get();
		OwedScore owed = delivery.owed();
		Optional<Platform> platform = platforms.find(owed.cell().registrationId());
		if (platform.isEmpty()) {
			deliveries.finish(id, DeliveryState.FAILED, DeliveryProblem.PLATFORM_GONE,
					"platform registration " + owed.cell().registrationId() + " no longer exists", clock.instant());
			return done();
		}
		URI attempted = owed.serviceUrl();
		try {
			GradebookColumns.Column column = columns.resolve(platform.get(), owed);
			attempted = column.url();
			Optional<Score> claimed = claim(delivery, column);
			if (claimed.isEmpty()) {
				return done();
			}
			Score score = claimed.get();
			hosts.send(column.url(), () -> {
				grades.postScore(platform.get(), column.url(), score);
				return null;
			});
			deliveries.delivered(id, clock.instant());
			log.debug("Delivered score {} for {} to {}", id, owed.cell().userId(), column.url());
			return done();
		}
		catch (PlatformHosts.HostPaused paused) {
			return at(paused.until().plus(retry.spread()));
		}
		catch (PlatformServiceException failure) {
			return failed(delivery, attempted, failure);
		}
	}

	/**
	 * Takes the cell's next timestamp and records what is about to be sent, in one transaction that holds the row:
	 * a score superseded meanwhile is not sent, and one superseded after this commits carries an earlier timestamp
	 * than its successor, so the platform keeps the newer.
	 */
	private Optional<Score> claim(ScoreDelivery delivery, GradebookColumns.Column column) {
		OwedScore owed = delivery.owed();
		scoreClock.prepare(owed.cell().registrationId(), column.url(), owed.cell().userId());
		return transactions.execute(status -> {
			Optional<DeliveryState> state = deliveries.lockState(delivery.id());
			if (state.isEmpty() || state.get() != DeliveryState.PENDING) {
				return Optional.empty();
			}
			Instant now = clock.instant();
			Instant timestamp = scoreClock.next(owed.cell().registrationId(), column.url(), owed.cell().userId(),
					now);
			Score score = owed.score(timestamp, column.scoreMaximum(), submissionUrl(owed));
			deliveries.sending(delivery.id(), column.url(), timestamp, score.scoreGiven(), score.scoreMaximum(), now);
			return Optional.of(score);
		});
	}

	private CompletionHandler<Void> failed(ScoreDelivery delivery, URI attempted, PlatformServiceException failure) {
		Instant now = clock.instant();
		long id = delivery.id();
		String detail = failure.getMessage();
		if (!failure.retryable()) {
			DeliveryProblem problem = DeliveryProblem.refusal(failure);
			if (problem == DeliveryProblem.COLUMN_GONE && attempted != null) {
				columns.forget(delivery.cell().placement(), delivery.owed().contextId(), attempted);
			}
			deliveries.finish(id, DeliveryState.FAILED, problem, detail, now);
			log.warn("Score {} for {} refused for good ({}): {}", id, delivery.cell().userId(), problem, detail);
			return done();
		}
		if (isThrottling(failure)) {
			Duration wait = retry.afterThrottling(failure.retryAfter());
			if (attempted != null) {
				hosts.pause(attempted, wait);
			}
			Instant next = now.plus(wait);
			deliveries.retrying(id, delivery.failedAttempts(), next, DeliveryProblem.RETRYING, detail, now);
			log.info("Platform throttled score {}; its host pauses for {} ms", id, wait.toMillis());
			return at(next);
		}
		int failures = delivery.failedAttempts() + 1;
		if (failures >= settings.maxAttempts()) {
			deliveries.park(id, failures, detail, now);
			log.warn("Score {} for {} parked after {} failed tries: {}", id, delivery.cell().userId(), failures,
					detail);
			return done();
		}
		Instant next = now.plus(retry.afterFailure(failures, failure.retryAfter()));
		deliveries.retrying(id, failures, next, DeliveryProblem.RETRYING, detail, now);
		log.info("Score {} failed (try {} of {}), next try at {}: {}", id, failures, settings.maxAttempts(), next,
				detail);
		return at(next);
	}

	/**
	 * Anything else that went wrong (database unavailable, a bug): tried again with the same backoff, counted by the
	 * scheduler, and parked for the administrator when it keeps happening.
	 */
	private void onUnexpectedFailure(ExecutionComplete complete, ExecutionOperations<Void> operations) {
		Execution execution = complete.getExecution();
		int failures = execution.consecutiveFailures + 1;
		Instant now = clock.instant();
		String cause = complete.getCause().map(Throwable::toString).orElse("unknown failure");
		if (failures >= settings.maxAttempts()) {
			try {
				deliveries.park(Long.parseLong(execution.taskInstance.getId()), failures, cause, now);
				operations.remove();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Cannot park score delivery {} yet: {}", execution.taskInstance.getId(), ex.toString());
			}
		}
		operations.reschedule(complete, now.plus(retry.afterFailure(failures, Optional.empty())));
	}

	private static boolean isThrottling(PlatformServiceException failure) {
		int status = failure.status().orElse(0);
		// A retryable 403 is Canvas's "Rate Limit Exceeded"; any other 403 is final.
		return status == 429 || status == 403;
	}

	/** Where Canvas's SpeedGrader sends the grader to see the work. */
	private URI submissionUrl(OwedScore owed) {
		return proofwork.url("/lti/launch?submission="
				+ UriUtils.encodeQueryParam(owed.workspaceId(), StandardCharsets.UTF_8));
	}

	private static CompletionHandler<Void> done() {
		return new CompletionHandler.OnCompleteRemove<>();
	}

	private static CompletionHandler<Void> at(Instant next) {
		return (complete, operations) -> operations.reschedule(complete, next);
	}
}
