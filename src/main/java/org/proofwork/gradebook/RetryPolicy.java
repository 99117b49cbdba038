package org.proofwork.gradebook;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

/**
 * When to try again. Exponential backoff with "equal jitter" (half the delay fixed, half random), so scores that
 * failed together do not all come back at the same moment; a platform's {@code Retry-After} is a floor.
 */
@Component
class RetryPolicy {

	private final Duration first;

	private final Duration max;

	RetryPolicy(GradebookSettings settings) {
		this.first = settings.firstRetryDelay();
		this.max = settings.maxRetryDelay();
	}

	/** The wait after the {@code failures}-th failed try in a row. */
	Duration afterFailure(int failures, Optional<Duration> retryAfter) {
		Duration base = first;
		for (int i = 1; i < failures && base.compareTo(max) < 0; i++) {
			base = base.multipliedBy(2);
		}
		if (base.compareTo(max) > 0) {
			base = max;
		}
		return atLeast(jittered(base), retryAfter);
	}

	/**
	 * The wait after a throttling answer: what the platform asked for, or the first retry delay. It does not grow,
	 * since the whole host pauses (see {@link PlatformHosts}) and the platform's bucket drains meanwhile.
	 */
	Duration afterThrottling(Optional<Duration> retryAfter) {
		return atLeast(jittered(first), retryAfter);
	}

	/** A little spread for scores woken by the same pause. */
	Duration spread() {
		return random(first.dividedBy(2));
	}

	private static Duration atLeast(Duration jittered, Optional<Duration> retryAfter) {
		if (retryAfter.isEmpty()) {
			return jittered;
		}
		// Honoured as a floor, plus up to a tenth so throttled scores do not return together.
		Duration asked = retryAfter.get().plus(random(retryAfter.get().dividedBy(10)));
		return asked.compareTo(jittered) > 0 ? asked : jittered;
	}

	private static Duration jittered(Duration base) {
		Duration half = base.dividedBy(2);
		return half.plus(random(base.minus(half)));
	}

	private static Duration random(Duration bound) {
		long millis = bound.toMillis();
		return millis <= 0 ? Duration.ZERO : Duration.ofMillis(ThreadLocalRandom.current().nextLong(millis + 1));
	}
}
