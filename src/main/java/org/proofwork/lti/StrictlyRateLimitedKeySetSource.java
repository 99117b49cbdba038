package org.proofwork.lti;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Fetches a platform's key set at most once per interval. Nimbus's own rate limiter lets two fetches through per
 * interval; an id_token flood with made-up {@code kid}s must not make the tool hammer a platform.
 */
class StrictlyRateLimitedKeySetSource implements JWKSetSource<SecurityContext> {

	private final JWKSetSource<SecurityContext> source;

	private final Duration interval;

	private final Clock clock;

	private Instant lastFetch;

	StrictlyRateLimitedKeySetSource(JWKSetSource<SecurityContext> source, Duration interval, Clock clock) {
		this.source = source;
		this.interval = interval;
		this.clock = clock;
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		synchronized (this) {
			Instant now = clock.instant();
			if (lastFetch != null && now.isBefore(lastFetch.plus(interval))) {
				throw new RateLimitReachedException();
			}
			lastFetch = now;
		}
		return source.getJWKSet(refreshEvaluator, currentTime, context);
	}

	@Override
	public void close() throws IOException {
		source.close();
	}
}
