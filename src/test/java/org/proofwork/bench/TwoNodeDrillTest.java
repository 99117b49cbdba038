package org.proofwork.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.proofwork.lti.AssignmentGradeService;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.review.DecisionRecorded;
import org.proofwork.submission.GradeTarget;
import org.proofwork.testing.MariaDb;
import org.proofwork.testing.RequiresMariaDb;
import org.proofwork.testing.TestPlatform;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
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
 * Two nodes behind a load balancer on one MariaDB database (docs/SCALING.md): a login started on node A completes on
 * node B and the session keeps working on A; both nodes deliver grades, each score reaches the LMS exactly once, and
 * when node B stops in the middle of delivery node A finishes the rest.
 */
@RequiresMariaDb
class TwoNodeDrillTest {

	static final String DATABASE = "proofwork_two_node_drill";

	static final int DECISIONS = 100;

	static final String BASE = "http://localhost:8080";

	static final String LINE_ITEM = "/platform/lineitems/9/lineitem";

	static final JsonMapper JSON = JsonMapper.builder().build();

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
	void sessionsAndGradeDeliveryAcrossTwoNodesAndANodeLoss() throws Exception {
		MariaDb.recreate(DATABASE);
		// The same LMS signs launches and answers AGS: token endpoint, line item, scores (each takes 300 ms, so delivery lasts a while).
		lms.servesAgs(LINE_ITEM, "Community Partnerships");
		// While the decisions are published the LMS is down (503), so delivery is still ahead when node B stops.
		lms.server.stubFor(post(urlPathMatching(LINE_ITEM + "/scores")).willReturn(aResponse().withStatus(503)
			.withHeader("Retry-After", "1")));

		nodeA = start("a");
		nodeB = start("b");
		Platform platform = nodeA.getBean(PlatformRegistry.class).register(lms.details(), Platform.Source.IMPORT);

		// 1. Login initiation on A, launch on B, the next request on A.
		BenchBrowser browser = new BenchBrowser();
		HttpResponse<String> login = browser.get(url(nodeA, "/lti/login?" + BenchBrowser.form(Map.of("iss", lms.issuer,
				"login_hint", "drill", "target_link_uri", BASE + "/lti/launch", "client_id", TestPlatform.CLIENT_ID))));
		assertThat(login.statusCode()).isEqualTo(302);
		HttpResponse<String> continued = browser.get(url(nodeA, login.headers().firstValue("Location").orElseThrow()));
		assertThat(continued.statusCode()).isEqualTo(302);
		String auth = continued.headers().firstValue("Location").orElseThrow();
		String token = lms.sign(lms.claims(BenchBrowser.query(auth, "nonce"), BASE + "/lti/launch", "Learner")
			.subject("drill-educator")
			.claim("name", "Drill Educator")
			.build());
		HttpResponse<String> launched = browser.post(url(nodeB, "/lti/launch"),
				Map.of("id_token", token, "state", BenchBrowser.query(auth, "state")));
		assertThat(launched.statusCode()).as("node B completes node A's login").isEqualTo(302);
		String page = follow(browser, nodeB, launched.headers().firstValue("Location").orElseThrow());
		HttpResponse<String> onA = browser.get(url(nodeA, page));
		assertThat(onA.statusCode()).as("the educator's next request, on node A").isEqualTo(200);
		assertThat(onA.body()).contains("Community Partnerships for Learning and Family Well-Being")
			.contains("Draft: not submitted yet.");
		HttpResponse<String> backOnB = browser.get(url(nodeB, page));
		assertThat(backOnB.statusCode()).isEqualTo(200);

		// 2. Both nodes queue and deliver grades; 3. node B stops in the middle of delivery.
		GradeTarget target = new GradeTarget("moodle", URI.create(lms.url("/platform/lineitems?type_id=1")),
				URI.create(lms.url(LINE_ITEM + "?type_id=1")), java.util.Set.of(AssignmentGradeService.SCOPE_LINE_ITEM,
						AssignmentGradeService.SCOPE_SCORE), "Community Partnerships");
		for (int i = 0; i < DECISIONS; i++) {
			decide(i % 2 == 0 ? nodeA : nodeB, platform, target, "drill-learner-" + i);
		}
		JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
		lms.server.stubFor(post(urlPathMatching(LINE_ITEM + "/scores")).willReturn(aResponse().withStatus(200)
			.withFixedDelay(300)));
		await().atMost(Duration.ofSeconds(60)).until(() -> accepted().size() >= DECISIONS / 8);
		int beforeStop = accepted().size();
		// (Both nodes run in this JVM, so both carry the same scheduler name, host#pid: picked_by cannot tell them apart.)
		long pickedAtStop = jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE picked = TRUE").query(Long.class).single();
		Instant stopped = Instant.now();
		nodeB.close();
		Duration stopTook = Duration.between(stopped, Instant.now());

		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> delivered(jdbc) == DECISIONS);
		Duration finishedAfterStop = Duration.between(stopped, Instant.now());
		Thread.sleep(2000);
		Map<String, Long> perLearner = accepted().stream()
			.collect(Collectors.groupingBy(learner -> learner, Collectors.counting()));
		System.out.printf("Two-node drill: %d decisions, %d scores accepted before node B stopped (stop took %d ms),"
				+ " all delivered %d ms after the stop; accepted %d, distinct learners %d; executions picked at the stop: %d%n",
				DECISIONS, beforeStop, stopTook.toMillis(), finishedAfterStop.toMillis(), accepted().size(),
				perLearner.size(), pickedAtStop);
		assertThat(beforeStop).as("delivery was under way when node B stopped").isLessThan(DECISIONS / 2);
		assertThat(perLearner).hasSize(DECISIONS)
			.allSatisfy((learner, count) -> assertThat(count).as("scores for %s", learner).isEqualTo(1));
		assertThat(accepted()).as("no late duplicates").hasSize(DECISIONS);
	}

	private void decide(ConfigurableApplicationContext node, Platform platform, GradeTarget target, String learner) {
		DecisionRecorded decision = new DecisionRecorded(UUID.randomUUID().toString(), "ws-" + learner, 1,
				DecisionRecorded.Outcome.EARNED, "Earned", platform.id(), TestPlatform.DEPLOYMENT_ID, "course-42",
				"link-7", "community-partnerships-for-learning-and-family-well-being", List.of(learner), Map.of(),
				target, Instant.now());
		node.getBean(TransactionTemplate.class).executeWithoutResult(status -> node.publishEvent(decision));
	}

	/** The learner of every score the LMS accepted, in arrival order. */
	private List<String> accepted() {
		return lms.server.getAllServeEvents()
			.stream()
			.filter(event -> event.getRequest().getUrl().startsWith(LINE_ITEM + "/scores"))
			.filter(event -> event.getResponse().getStatus() / 100 == 2)
			.map(ServeEvent::getRequest)
			.map(request -> JSON.readTree(request.getBodyAsString()).path("userId").asString())
			.toList();
	}

	private static long delivered(JdbcClient jdbc) {
		return jdbc.sql("SELECT COUNT(*) FROM score_delivery WHERE state = 'DELIVERED'").query(Long.class).single();
	}

	private static String follow(BenchBrowser browser, ConfigurableApplicationContext node, String location)
			throws Exception {
		String next = location;
		for (int hop = 0; hop < 5; hop++) {
			HttpResponse<String> response = browser.get(url(node, next));
			if (response.statusCode() == 200) {
				return next;
			}
			assertThat(response.statusCode() / 100).as("page %s", next).isEqualTo(3);
			next = response.headers().firstValue("Location").orElseThrow();
		}
		throw new AssertionError("too many redirects");
	}

	/** {@code path} (absolute at the public base URL, or a path) on this node, as the load balancer would route it. */
	private static String url(ConfigurableApplicationContext node, String path) {
		URI uri = URI.create(path);
		String local = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
		return "http://localhost:" + ((WebServerApplicationContext) node).getWebServer().getPort() + local;
	}

	private ConfigurableApplicationContext start(String name) {
		return nodes.start("target/two-node-drill/" + name, "--proofwork.gradebook.polling-interval=PT0.5S",
				"--proofwork.gradebook.heartbeat-interval=PT1S", "--proofwork.gradebook.first-retry-delay=PT0.5S",
				"--proofwork.gradebook.max-retry-delay=PT2S", "--proofwork.gradebook.max-attempts=1000");
	}
}
