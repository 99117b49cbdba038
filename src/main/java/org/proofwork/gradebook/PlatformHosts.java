package org.proofwork.gradebook;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * How hard this node may press each platform host. At most {@code max-in-flight-per-host} requests at once (Canvas
 * reserves 50 units of the developer key's rate limit per request in flight), and after a throttling answer nobody
 * on this node sends to that host until the pause it asked for is over, so one throttled score does not leave the
 * others to run into the same wall.
 */
@Component
class PlatformHosts {

	private final ConcurrentMap<String, Host> hosts = new ConcurrentHashMap<>();

	private final int maxInFlight;

	private final Clock clock;

	PlatformHosts(GradebookSettings settings, Clock clock) {
		this.maxInFlight = settings.maxInFlightPerHost();
		this.clock = clock;
	}

	/**
	 * Sends one request (or one sequence of requests) to the host of {@code url} within the host's limit, waiting
	 * for a free slot.
	 * @throws HostPaused when the host asked for a pause that is not over
	 */
	<T> T send(URI url, Supplier<T> request) {
		Host host = host(url);
		Optional<Instant> paused = host.pausedUntil(clock.instant());
		if (paused.isPresent()) {
			throw new HostPaused(paused.get());
		}
		try {
			host.slots.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to send to " + host.name, ex);
		}
		try {
			// The pause may have begun while this thread waited for its slot.
			paused = host.pausedUntil(clock.instant());
			if (paused.isPresent()) {
				throw new HostPaused(paused.get());
			}
			int now = host.inFlight.incrementAndGet();
			host.maxInFlight.accumulateAndGet(now, Math::max);
			try {
				return request.get();
			}
			finally {
				host.inFlight.decrementAndGet();
			}
		}
		finally {
			host.slots.release();
		}
	}

	/** Until when the host of {@code url} asked not to be sent to, if that is still ahead. */
	Optional<Instant> pausedUntil(URI url) {
		return host(url).pausedUntil(clock.instant());
	}

	/** Nobody on this node sends to the host of {@code url} for {@code pause}; a longer pause already set stays. */
	void pause(URI url, Duration pause) {
		Instant until = clock.instant().plus(pause);
		host(url).pausedUntil.accumulateAndGet(until, (current, proposed) -> proposed.isAfter(current) ? proposed
				: current);
	}

	/** The most requests this node had in flight to the host of {@code url} at once, since it started. */
	int maxObservedInFlight(URI url) {
		return host(url).maxInFlight.get();
	}

	private Host host(URI url) {
		String name = name(url);
		return hosts.computeIfAbsent(name, key -> new Host(key, maxInFlight));
	}

	/** A host as a server: the same name on another port is another server. */
	static String name(URI url) {
		String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
		return url.getPort() == -1 ? host : host + ":" + url.getPort();
	}

	private static final class Host {

		final String name;

		final Semaphore slots;

		final AtomicInteger inFlight = new AtomicInteger();

		final AtomicInteger maxInFlight = new AtomicInteger();

		final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.EPOCH);

		Host(String name, int slots) {
			this.name = name;
			this.slots = new Semaphore(slots, true);
		}

		Optional<Instant> pausedUntil(Instant now) {
			Instant until = pausedUntil.get();
			return until.isAfter(now) ? Optional.of(until) : Optional.empty();
		}
	}

	/** The host asked for a pause (Retry-After or a throttling answer) that is not over yet. */
	static class HostPaused extends RuntimeException {

		private final Instant until;

		HostPaused(Instant until) {
			super("Platform host paused until " + until, null, false, false);
			this.until = until;
		}

		Instant until() {
			return until;
		}
	}
}
