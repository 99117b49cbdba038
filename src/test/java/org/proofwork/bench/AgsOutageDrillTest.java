package org.proofwork.bench;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.proofwork.ProofworkApplication;
import org.proofwork.lti.AssignmentGradeService;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.review.DecisionRecorded;
import org.proofwork.submission.GradeTarget;
import org.proofwork.testing.MariaDb;
import org.proofwork.testing.TestPlatform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault drill: the LMS answers 503 (no Retry-After) for a long stretch while two nodes on one MariaDB database hold
 * grades for it. The nodes back off instead of hammering it, park nothing within {@code max-attempts}, and deliver
 * every score exactly once when it is back. Not part of the build (it waits out the outage):
 * {@code ./mvnw -q -B test -Dtest=AgsOutageDrillTest -Dbench=true}; {@code -Dbench.outageSeconds=60} for longer.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class AgsOutageDrillTest {

	static final String DATABASE = "proofwork_ags_outage_drill";

	static final int DECISIONS = 100;

	static final int OUTAGE_SECONDS = Integer.getInteger("bench.outageSeconds", 30);

	static final String LINE_ITEM = "/platform/lineitems/9/lineitem";

	static final JsonMapper JSON = JsonMapper.builder().build();

	final String masterKey = Base64.getEncoder().encodeToString(randomBytes());

	final TestPlatform lms = new TestPlatform(Clock.systemUTC());

	ConfigurableApplicationContext nodeA;

	ConfigurableApplicationContext nodeB;

	@AfterEach
	void stop() {
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { nodeB, nodeA }) {
			if (node != null && node.isActive()) {
				node.close();
			}
		}
		lms.close();
	}

	@Test
	void longLmsOutageWithTwoNodes() throws Exception {
		MariaDb.recreate(DATABASE);
		lms.server.stubFor(post(urlPathEqualTo("/platform/token")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"ags-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		lms.server.stubFor(get(urlPathEqualTo(LINE_ITEM)).willReturn(aResponse()
			.withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
			.withBody("{\"id\":\"" + lms.url(LINE_ITEM) + "\",\"label\":\"Community Partnerships\",\"scoreMaximum\":1.0}")));
		lms.server.stubFor(post(urlPathMatching(LINE_ITEM + "/scores"))
			.willReturn(aResponse().withStatus(503).withBody("Service Unavailable")));

		nodeA = start("a");
		nodeB = start("b");
		Platform platform = nodeA.getBean(PlatformRegistry.class).register(lms.details(), Platform.Source.IMPORT);
		GradeTarget target = new GradeTarget("moodle", URI.create(lms.url("/platform/lineitems?type_id=1")),
				URI.create(lms.url(LINE_ITEM + "?type_id=1")),
				Set.of(AssignmentGradeService.SCOPE_LINE_ITEM, AssignmentGradeService.SCOPE_SCORE),
				"Community Partnerships");
		Instant outageStart = Instant.now();
		for (int i = 0; i < DECISIONS; i++) {
			ConfigurableApplicationContext node = i % 2 == 0 ? nodeA : nodeB;
			DecisionRecorded decision = new DecisionRecorded(UUID.randomUUID().toString(), "ws-outage-" + i, 1,
					i % 3 == 0 ? DecisionRecorded.Outcome.NOT_YET : DecisionRecorded.Outcome.EARNED, "Feedback",
					platform.id(), TestPlatform.DEPLOYMENT_ID, "course-42", "link-7",
					"community-partnerships-for-learning-and-family-well-being", List.of("outage-learner-" + i),
					Map.of(), target, Instant.now());
			node.getBean(TransactionTemplate.class).executeWithoutResult(status -> node.publishEvent(decision));
		}
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
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> count(jdbc, "'DELIVERED'") == DECISIONS);
		Duration recovery = Duration.between(back, Instant.now());
		Thread.sleep(2000);
		Map<String, Long> perLearner = scoreRequests().stream()
			.filter(event -> event.getResponse().getStatus() / 100 == 2)
			.map(event -> JSON.readTree(event.getRequest().getBodyAsString()).path("userId").asString())
			.collect(Collectors.groupingBy(learner -> learner, Collectors.counting()));

		System.out.printf("AGS outage drill: %d decisions over 2 nodes, LMS down %d s: %d score requests during the"
				+ " outage (%.1f per score), max failed attempts per score %d, parked %d; all delivered %d ms after the"
				+ " LMS came back; accepted %d for %d learners%n", DECISIONS, OUTAGE_SECONDS, requestsDuringOutage,
				(double) requestsDuringOutage / DECISIONS, maxAttempts, parkedDuringOutage, recovery.toMillis(),
				perLearner.values().stream().mapToLong(Long::longValue).sum(), perLearner.size());
		assertThat(parkedDuringOutage).as("nothing parked during a %d s outage", OUTAGE_SECONDS).isZero();
		assertThat(perLearner).hasSize(DECISIONS)
			.allSatisfy((learner, count) -> assertThat(count).as("scores for %s", learner).isEqualTo(1));
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
		return new SpringApplicationBuilder(ProofworkApplication.class).profiles("mysql")
			.run("--server.port=0", "--proofwork.base-url=http://localhost:8080",
					"--proofwork.keys.master-key=" + masterKey, "--proofwork.data-dir=target/ags-outage-drill/" + name,
					"--MYSQL_HOST=" + MariaDb.HOST, "--MYSQL_PORT=" + MariaDb.PORT, "--MYSQL_DATABASE=" + DATABASE,
					"--MYSQL_USER=" + MariaDb.USER, "--MYSQL_PASSWORD=" + MariaDb.PASSWORD,
					"--proofwork.gradebook.polling-interval=PT0.5S", "--proofwork.gradebook.first-retry-delay=PT1S",
					"--proofwork.gradebook.max-retry-delay=PT8S", "--logging.level.org.proofwork=WARN");
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[32];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}
}
