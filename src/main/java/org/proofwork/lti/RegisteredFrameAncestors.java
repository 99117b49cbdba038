package org.proofwork.lti;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.proofwork.system.FrameAncestorSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The origins of the registered platforms: each issuer's origin plus the frame origins its registration names (a
 * Canvas issuer is {@code https://canvas.instructure.com}, but its pages come from the institution's own host).
 * Read at most once a minute: this runs on every response.
 */
@Component
class RegisteredFrameAncestors implements FrameAncestorSource {

	private static final Duration CACHE_FOR = Duration.ofSeconds(60);

	private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(RegisteredFrameAncestors.class);

	/** What may appear in a CSP source expression; anything else is ignored rather than written into the header. */
	private static final Pattern ORIGIN = Pattern.compile("https?://(\\*\\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?");

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Cached cached;

	RegisteredFrameAncestors(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public Set<String> frameAncestors() {
		Cached current = cached;
		Instant now = clock.instant();
		if (current == null || current.readAt().plus(CACHE_FOR).isBefore(now)) {
			try {
				current = new Cached(load(), now);
			}
			catch (DataAccessException ex) {
				// The database is down: this runs while the error page for that is written, so it must not fail
				// too. Keep the origins read last (none yet: only the tool itself may frame it) and ask again soon.
				log.warn("Cannot read the registered platforms' origins, keeping the last ones: {}", ex.getMessage());
				current = new Cached(current == null ? Set.of() : current.origins(),
						now.minus(CACHE_FOR).plus(RETRY_AFTER_FAILURE));
			}
			cached = current;
		}
		return current.origins();
	}

	void forget() {
		cached = null;
	}

	private Set<String> load() {
		Set<String> origins = new LinkedHashSet<>();
		jdbc.sql("SELECT issuer, frame_origins FROM platform_registration").query((rs, row) -> {
			add(origins, originOf(rs.getString("issuer")));
			Arrays.stream(rs.getString("frame_origins").split("[\\s,]+")).forEach(origin -> add(origins, origin));
			return null;
		}).list();
		return java.util.Collections.unmodifiableSet(origins);
	}

	private static void add(Set<String> origins, String origin) {
		String trimmed = origin == null ? "" : origin.strip();
		if (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		if (ORIGIN.matcher(trimmed).matches()) {
			origins.add(trimmed);
		}
	}

	private static String originOf(String url) {
		try {
			URI uri = URI.create(url);
			return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private record Cached(Set<String> origins, Instant readAt) {
	}
}
