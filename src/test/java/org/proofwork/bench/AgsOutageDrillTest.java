package org.proofwork.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.proofwork.lti.AssignmentGradeService;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.review.DecisionRecorded;
import org.proofwork.submission.GradeTarget;
import org.proofwork.testing.MariaDb;
import org.proofwork.testing.TestPlatform;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault drills: the LMS answers 503 (no Retry-After) for a long stretch while two nodes on one MariaDB database hold
 * grades for it. Within {@code max-attempts} the nodes back off instead of hammering it, park nothing, and deliver
 * every score exactly once when it is back; beyond it (the production schedule compressed) every score is parked
 * after its last try, the LMS hears nothing more, and the administrator sends them all again from the admin page.
 * Not part of the build (they wait out the outage):
 * {@code ./mvnw -q -B test -Dtest=AgsOutageDrillTest -Dbench=true}; {@code -Dbench.outageSeconds=60} for longer.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class AgsOutageDrillTest {

	static final String DATABASE = "proofwork_ags_outage_drill";

	static final int DECISIONS = 100;

	static final int OUTAGE_SECONDS = Integer.getInteger("bench.outageSeconds", 30);

	static final String LINE_ITEM = "/platform/lineitems/9/lineitem";

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** How much faster than production the parking drill's retry schedule runs. */
	static final int COMPRESSION = 600;

	/** {@code proofwork.gradebook.max-attempts}'s default. */
	static final int PRODUCTION_MAX_ATTEMPTS = 15;

	static final String ADMIN_PASSWORD = "drill-" + UUID.randomUUID();

	final MysqlNodes nodes = new MysqlNodes(DATABASE);

	final TestPlatform lms = new TestPlatform(Clock.systemUTC());

	ConfigurableApplicationContext nodeA;

	ConfigurableApplicationContext nodeB;

	@AfterEach
	void stop() {
		nodes.close();
		lms.close();
	}

	@Test
	void longLmsOutageWithTwoNodes() throws Exception {
		MariaDb.recreate(DATABASE);
		lmsDown();
		nodeA = start("a");
		nodeB = start("b");
		Instant outageStart = Instant.now();
		publishDecisions();
		JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
		Thread.sleep(Math.max(0, Duration.ofSeconds(OUTAGE_SECONDS).toMillis()
				- Duration.between(outageStart, Instant.now()).toMillis()));
		int requestsDuringOutage = scoreRequests().size();
		long parkedDuringOutage = count(jdbc, "'PARKED', 'FAILED'");
		long maxAttempts = jdbc.sql("SELECT COALESCE(MAX(failed_attempts), 0) FROM score_delivery")
			.query(Long.class)
			.single();

		Instant back = Instant.now();
		lms.server.stubFor(post(urlPathMatching(LINE_ITEM + "/scores")).willReturn(aResponse().withStatus(200)));
		Duration recovery = awaitAllDelivered(jdbc, back);
		Map<String, Long> perLearner = acceptedPerLearner();

		System.out.printf("AGS outage drill: %d decisions over 2 nodes, LMS down %d s: %d score requests during the"
				+ " outage (%.1f per score), max failed attempts per score %d, parked %d; all delivered %d ms after the"
				+ " LMS came back; accepted %d for %d learners%n", DECISIONS, OUTAGE_SECONDS, requestsDuringOutage,
				(double) requestsDuringOutage / DECISIONS, maxAttempts, parkedDuringOutage, recovery.toMillis(),
				perLearner.values().stream().mapToLong(Long::longValue).sum(), perLearner.size());
		assertThat(parkedDuringOutage).as("nothing parked during a %d s outage", OUTAGE_SECONDS).isZero();
		assertThat(perLearner).hasSize(DECISIONS)
			.allSatisfy((learner, count) -> assertThat(count).as("scores for %s", learner).isEqualTo(1));
	}

	/**
	 * An outage longer than the retries last: the production schedule (first retry after 10 s, doubling to 30 min,
	 * 15 tries, about 3.7 hours) compressed {@value #COMPRESSION} times. Every score is parked after exactly its 15
	 * tries, the LMS hears nothing more from the tool, and once it is back the administrator sends all of them again
	 * from the admin page, over HTTP: each learner's score arrives exactly once.
	 */
	@Test
	void outageBeyondTheParkingPointThenTheAdministratorSendsEverythingAgain() throws Exception {
		MariaDb.recreate(DATABASE);
		lmsDown();
		Duration first = Duration.ofSeconds(10).dividedBy(COMPRESSION);
		Duration max = Duration.ofMinutes(30).dividedBy(COMPRESSION);
		String[] compressed = { "--proofwork.gradebook.polling-interval=PT0.2S",
				"--proofwork.gradebook.first-retry-delay=" + first, "--proofwork.gradebook.max-retry-delay=" + max,
				"--proofwork.gradebook.max-attempts=" + PRODUCTION_MAX_ATTEMPTS };
		nodeA = start("a", compressed);
		nodeB = start("b", compressed);
		Instant outageStart = Instant.now();
		Platform platform = publishDecisions();
		JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> count(jdbc, "'PARKED'") == DECISIONS);
		Duration toParking = Duration.between(outageStart, Instant.now());
		int requestsWhenParked = scoreRequests().size();
		Thread.sleep(3000);
		int requestsAfterParking = scoreRequests().size() - requestsWhenParked;
		Map<String, Long> failedPerLearner = requestsPerLearner(5);

		lms.server.stubFor(post(urlPathMatching(LINE_ITEM + "/scores")).willReturn(aResponse().withStatus(200)));
		AdminBrowser admin = new AdminBrowser(nodeB);
		String page = admin.signIn();
		String button = "Retry all " + DECISIONS + " parked grades for " + platform.name();
		assertThat(page).as("the admin page offers to send every parked grade again").contains(button);
		Instant retried = Instant.now();
		String after = admin.post("/admin/deliveries/retry-parked?platform=" + platform.id(), page);
		assertThat(after).contains(DECISIONS + " parked grades for " + platform.name() + " are queued again");
		Duration recovery = awaitAllDelivered(jdbc, retried);
		Map<String, Long> perLearner = acceptedPerLearner();

		System.out.printf("Parking drill: %d decisions over 2 nodes, production retry schedule (waits totalling"
				+ " %.1f h before jitter) compressed %dx to %.1f s: all parked after %d ms, %d score requests (%s per"
				+ " score), %d after parking; sent again from the admin page, all delivered %d ms later; accepted %d"
				+ " for %d learners%n", DECISIONS, scheduleSeconds(Duration.ofSeconds(10), Duration.ofMinutes(30)) / 3600,
				COMPRESSION, scheduleSeconds(first, max), toParking.toMillis(), requestsWhenParked, failedPerLearner.values().stream().distinct().sorted().toList(),
				requestsAfterParking, recovery.toMillis(), perLearner.values().stream().mapToLong(Long::longValue).sum(),
				perLearner.size());
		assertThat(failedPerLearner).hasSize(DECISIONS)
			.allSatisfy((learner, tries) -> assertThat(tries).as("failed tries for %s", learner)
				.isEqualTo(PRODUCTION_MAX_ATTEMPTS));
		assertThat(requestsAfterParking).as("requests to the LMS once everything is parked").isZero();
		assertThat(perLearner).hasSize(DECISIONS)
			.allSatisfy((learner, count) -> assertThat(count).as("scores for %s", learner).isEqualTo(1));
	}

	/** The waits between {@link #PRODUCTION_MAX_ATTEMPTS} tries, before jitter (which takes up to half of each). */
	private static double scheduleSeconds(Duration first, Duration max) {
		double total = 0;
		Duration wait = first;
		for (int failure = 1; failure < PRODUCTION_MAX_ATTEMPTS; failure++) {
			total += wait.toMillis() / 1000.0;
			wait = wait.multipliedBy(2).compareTo(max) > 0 ? max : wait.multipliedBy(2);
		}
		return total;
	}

	/** The LMS hands out tokens and its line item, and answers every score with 503. */
	private void lmsDown() {
		lms.servesAgs(LINE_ITEM, "Community Partnerships");
		lms.server.stubFor(post(urlPathMatching(LINE_ITEM + "/scores"))
			.willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));
	}

	/** Registers the LMS and publishes the decisions, half through each node. */
	private Platform publishDecisions() {
		Platform platform = nodeA.getBean(PlatformRegistry.class).register(lms.details(), Platform.Source.IMPORT);
		GradeTarget target = new GradeTarget("moodle", URI.create(lms.url("/platform/lineitems?type_id=1")),
				URI.create(lms.url(LINE_ITEM + "?type_id=1")),
				Set.of(AssignmentGradeService.SCOPE_LINE_ITEM, AssignmentGradeService.SCOPE_SCORE),
				"Community Partnerships");
		for (int i = 0; i < DECISIONS; i++) {
			ConfigurableApplicationContext node = i % 2 == 0 ? nodeA : nodeB;
			DecisionRecorded decision = new DecisionRecorded(UUID.randomUUID().toString(), "ws-outage-" + i, 1,
					i % 3 == 0 ? DecisionRecorded.Outcome.NOT_YET : DecisionRecorded.Outcome.EARNED, "Feedback",
					platform.id(), TestPlatform.DEPLOYMENT_ID, "course-42", "link-7",
					"community-partnerships-for-learning-and-family-well-being", List.of("outage-learner-" + i),
					Map.of(), target, Instant.now());
			node.getBean(TransactionTemplate.class).executeWithoutResult(status -> node.publishEvent(decision));
		}
		return platform;
	}

	/** Waits until every decision's score is delivered, then 2 s more for a late duplicate to show; the wait's length. */
	private static Duration awaitAllDelivered(JdbcClient jdbc, Instant since) throws InterruptedException {
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> count(jdbc, "'DELIVERED'") == DECISIONS);
		Duration took = Duration.between(since, Instant.now());
		Thread.sleep(2000);
		return took;
	}

	/** Accepted score requests per learner. */
	private Map<String, Long> acceptedPerLearner() {
		return requestsPerLearner(2);
	}

	private Map<String, Long> requestsPerLearner(int statusClass) {
		return scoreRequests().stream()
			.filter(event -> event.getResponse().getStatus() / 100 == statusClass)
			.map(event -> JSON.readTree(event.getRequest().getBodyAsString()).path("userId").asString())
			.collect(Collectors.groupingBy(learner -> learner, Collectors.counting()));
	}

	private List<ServeEvent> scoreRequests() {
		return lms.server.getAllServeEvents()
			.stream()
			.filter(event -> event.getRequest().getUrl().startsWith(LINE_ITEM + "/scores"))
			.toList();
	}

	private static long count(JdbcClient jdbc, String states) {
		return jdbc.sql("SELECT COUNT(*) FROM score_delivery WHERE state IN (" + states + ")")
			.query(Long.class)
			.single();
	}

	/** Production gradebook settings except faster polling and a first retry after 1 s (doubling up to 8 s). */
	private ConfigurableApplicationContext start(String name) {
		return start(name, "--proofwork.gradebook.polling-interval=PT0.5S",
				"--proofwork.gradebook.first-retry-delay=PT1S", "--proofwork.gradebook.max-retry-delay=PT8S");
	}

	private ConfigurableApplicationContext start(String name, String... gradebookSettings) {
		List<String> settings = new ArrayList<>(List.of(gradebookSettings));
		settings.add("--proofwork.admin.password=" + ADMIN_PASSWORD);
		return nodes.start("target/ags-outage-drill/" + name, settings.toArray(String[]::new));
	}

	/** The tool administrator's browser: a cookie jar, the sign-in form and the CSRF token of each page. */
	static final class AdminBrowser {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();

		private final String base;

		AdminBrowser(ConfigurableApplicationContext node) {
			this.base = "http://localhost:" + node.getEnvironment().getProperty("local.server.port");
		}

		/** Signs in and returns the deliveries page. */
		String signIn() throws Exception {
			String login = get("/admin/login");
			post("/admin/login?username=admin&password=" + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8),
					login);
			return get("/admin/deliveries");
		}

		String get(String path) throws Exception {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
			return response.body();
		}

		/** Posts a form of {@code page} (query string as form body) with that page's CSRF token. */
		String post(String pathAndQuery, String page) throws Exception {
			Matcher token = CSRF.matcher(page);
			assertThat(token.find()).as("CSRF token on the page").isTrue();
			String[] parts = pathAndQuery.split("\\?", 2);
			String body = (parts.length > 1 ? parts[1] + "&" : "") + "_csrf="
					+ URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + parts[0]))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("POST %s", parts[0]).isEqualTo(200);
			return response.body();
		}
	}
}
