package org.proofwork.lti;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import org.springframework.stereotype.Component;

/**
 * The platforms' public keys, one cached source per key set URL (registrations that share an issuer usually share
 * its key set). Refreshed ahead of expiry, served stale while the platform is unreachable, and re-fetched for an
 * unknown {@code kid} at most once per {@link LtiSettings#keySetRefetchInterval()}.
 */
@Component
class PlatformKeySets {

	private static final int TIMEOUT_MILLIS = 5_000;

	private static final int SIZE_LIMIT = 512 * 1024;

	private final Map<URI, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

	private final LtiSettings settings;

	private final Clock clock;

	PlatformKeySets(LtiSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	JWKSource<SecurityContext> of(Platform platform) {
		return sources.computeIfAbsent(platform.jwksUri(), this::build);
	}

	private JWKSource<SecurityContext> build(URI jwksUri) {
		try {
			URLBasedJWKSetSource<SecurityContext> fetch = new URLBasedJWKSetSource<>(jwksUri.toURL(),
					new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT));
			long cacheMillis = settings.keySetCacheTime().toMillis();
			return JWKSourceBuilder
				.create(new StrictlyRateLimitedKeySetSource(fetch, settings.keySetRefetchInterval(), clock))
				.rateLimited(false)
				.retrying(false)
				.cache(cacheMillis, TIMEOUT_MILLIS)
				.refreshAheadCache(Math.min(cacheMillis / 4, 60_000), false)
				.outageTolerant(cacheMillis * 96)
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("Not a URL: " + jwksUri, ex);
		}
	}
}
