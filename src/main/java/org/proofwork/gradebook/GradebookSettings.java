package org.proofwork.gradebook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How scores are delivered to platforms.
 *
 * @param maxInFlightPerHost the most requests this node sends to one platform host at the same time; Canvas
 * reserves 50 units of a developer key's rate limit per request in flight, so a handful keeps clear of throttling
 * @param maxAttempts how many failed tries (platform down, slow, erroring) a score gets before it is parked for the
 * tool administrator; throttling answers (429, Canvas's 403 "Rate Limit Exceeded") wait but do not count
 * @param firstRetryDelay the wait after the first failed try; it doubles with every further failure, with jitter,
 * and a platform's {@code Retry-After} is always honoured
 * @param maxRetryDelay the longest wait between two tries
 * @param workerThreads how many scores this node works on at once (across all platforms)
 * @param pollingInterval how often this node looks for scores that are due (new scores start at once; this is the
 * delay of retries and of work another node queued)
 * @param heartbeatInterval how often a node tells the database it is still working on its scores; after six missed
 * heartbeats (a node killed or frozen) another node takes them over
 */
@ConfigurationProperties("proofwork.gradebook")
record GradebookSettings(@DefaultValue("4") int maxInFlightPerHost, @DefaultValue("15") int maxAttempts,
		@DefaultValue("PT10S") Duration firstRetryDelay, @DefaultValue("PT30M") Duration maxRetryDelay,
		@DefaultValue("8") int workerThreads, @DefaultValue("PT5S") Duration pollingInterval,
		@DefaultValue("PT30S") Duration heartbeatInterval) {

	GradebookSettings {
		if (maxInFlightPerHost < 1) {
			throw new IllegalArgumentException("proofwork.gradebook.max-in-flight-per-host must be at least 1");
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("proofwork.gradebook.max-attempts must be at least 1");
		}
		if (workerThreads < 1) {
			throw new IllegalArgumentException("proofwork.gradebook.worker-threads must be at least 1");
		}
		if (firstRetryDelay.isNegative() || maxRetryDelay.compareTo(firstRetryDelay) < 0) {
			throw new IllegalArgumentException(
					"proofwork.gradebook.max-retry-delay must be at least proofwork.gradebook.first-retry-delay");
		}
	}
}
