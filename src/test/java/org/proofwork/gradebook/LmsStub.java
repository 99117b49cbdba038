package org.proofwork.gradebook;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.proofwork.lti.PlatformDetails;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A learning platform's token endpoint and Assignment and Grade Services, played by WireMock. A response transformer
 * measures how many score requests are in flight at once, can make every score request take a while (latency), and
 * can throttle like Canvas (a leaky bucket per developer key).
 */
final class LmsStub implements AutoCloseable {

	static final String TOKEN_PATH = "/login/oauth2/token";

	static final String DEPLOYMENT_ID = "deployment-1";

	static final JsonMapper JSON = JsonMapper.builder().build();

	final WireMockServer server;

	final ScoreMeter meter = new ScoreMeter();

	LmsStub() {
		server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(60).extensions(meter));
		server.start();
		answerTokenRequests();
	}

	void answerTokenRequests() {
		// Moodle's way: JSON sent as text/html.
		server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withHeader("Content-Type", "text/html")
			.withBody("{\"access_token\":\"ags-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
	}

	PlatformDetails details(String clientId) {
		return details("localhost", clientId);
	}

	/** A registration whose services are reached under {@code host} (another name of this machine is another host). */
	PlatformDetails details(String host, String clientId) {
		return new PlatformDetails("Test LMS " + clientId, url(host, "/lms"), clientId, URI.create(url(host, "/auth")),
				URI.create(url(host, TOKEN_PATH)), URI.create(url(host, "/jwks")), Set.of(DEPLOYMENT_ID), List.of());
	}

	URI url(String path) {
		return URI.create(url("localhost", path));
	}

	String url(String host, String path) {
		return "http://" + host + ":" + server.port() + path;
	}

	/** A line item the platform knows, with its maximum. */
	void lineItem(String path, double scoreMaximum) {
		server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse()
			.withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
			.withBody("{\"id\":\"" + url(path) + "\",\"label\":\"Community Partnerships\",\"scoreMaximum\":"
					+ scoreMaximum + "}")));
	}

	/** How the platform answers scores posted to the line item at {@code lineItemPath}. */
	void scores(String lineItemPath, ResponseDefinitionBuilder answer) {
		server.stubFor(post(urlPathEqualTo(lineItemPath + "/scores")).willReturn(answer));
	}

	void acceptScores(String lineItemPath) {
		scores(lineItemPath, aResponse().withStatus(200));
	}

	/** Every score request to the line item, in the order they arrived, with the platform's answer. */
	List<ServeEvent> scoreRequests(String lineItemPath) {
		String path = lineItemPath + "/scores";
		return server.getAllServeEvents()
			.stream()
			.filter(event -> event.getRequest().getUrl().startsWith(path))
			.sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
			.toList();
	}

	/** The scores the platform accepted (2xx) for the line item, in the order they arrived. */
	List<JsonNode> acceptedScores(String lineItemPath) {
		return scoreRequests(lineItemPath).stream()
			.filter(event -> event.getResponse().getStatus() / 100 == 2)
			.map(event -> JSON.readTree(event.getRequest().getBodyAsString()))
			.toList();
	}

	int tokenRequests() {
		return server.countRequestsMatching(postRequestedFor(urlPathEqualTo(TOKEN_PATH)).build()).getCount();
	}

	@Override
	public void close() {
		server.stop();
	}

	/**
	 * Sits in every score request: counts those in flight, waits {@link #latencyMillis} before answering, and with a
	 * {@link CanvasBucket} set, throttles as Canvas does.
	 */
	static final class ScoreMeter implements ResponseTransformerV2 {

		final AtomicInteger inFlight = new AtomicInteger();

		final AtomicInteger maxInFlight = new AtomicInteger();

		final AtomicLong scoreRequests = new AtomicLong();

		volatile long latencyMillis;

		volatile CanvasBucket bucket;

		@Override
		public Response transform(Response response, ServeEvent serveEvent) {
			if (!serveEvent.getRequest().getUrl().contains("/scores")) {
				return response;
			}
			scoreRequests.incrementAndGet();
			int now = inFlight.incrementAndGet();
			maxInFlight.accumulateAndGet(now, Math::max);
			CanvasBucket canvas = bucket;
			try {
				if (canvas != null && !canvas.admit()) {
					return Response.Builder.like(response)
						.but()
						.status(403)
						.headers(new HttpHeaders(new HttpHeader("X-Rate-Limit-Remaining", "0.0"),
								new HttpHeader("Content-Type", "text/plain")))
						.body("403 Forbidden (Rate Limit Exceeded)")
						.build();
				}
				try {
					if (latencyMillis > 0) {
						Thread.sleep(latencyMillis);
					}
					return response;
				}
				finally {
					if (canvas != null) {
						canvas.done();
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return response;
			}
			finally {
				inFlight.decrementAndGet();
			}
		}

		void reset() {
			maxInFlight.set(0);
			scoreRequests.set(0);
			latencyMillis = 0;
			bucket = null;
		}

		@Override
		public String getName() {
			return "score-meter";
		}

		@Override
		public boolean applyGlobally() {
			return true;
		}
	}

	/**
	 * Canvas's throttle per developer key: a leaky bucket that drains 10 units a second. A request reserves 50 units
	 * while in flight and is refused (403 "Rate Limit Exceeded") when that would take the bucket over the high water
	 * mark of 600; when it completes, its reservation is replaced by its cost. The bucket holds at most 800.
	 */
	static final class CanvasBucket {

		static final double HIGH_WATER = 600;

		static final double MAXIMUM = 800;

		static final double DRAIN_PER_SECOND = 10;

		static final double RESERVED_IN_FLIGHT = 50;

		private final double costPerRequest;

		private double level;

		private long drainedAt = System.nanoTime();

		final AtomicLong admitted = new AtomicLong();

		final AtomicLong throttled = new AtomicLong();

		CanvasBucket(double costPerRequest) {
			this.costPerRequest = costPerRequest;
		}

		synchronized boolean admit() {
			drain();
			if (level + RESERVED_IN_FLIGHT > HIGH_WATER) {
				throttled.incrementAndGet();
				return false;
			}
			level += RESERVED_IN_FLIGHT;
			admitted.incrementAndGet();
			return true;
		}

		synchronized void done() {
			drain();
			level = Math.min(MAXIMUM, Math.max(0, level - RESERVED_IN_FLIGHT) + costPerRequest);
		}

		private void drain() {
			long now = System.nanoTime();
			level = Math.max(0, level - DRAIN_PER_SECOND * (now - drainedAt) / 1e9);
			drainedAt = now;
		}
	}
}
