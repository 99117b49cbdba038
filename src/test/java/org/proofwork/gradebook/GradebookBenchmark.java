package org.proofwork.gradebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.proofwork.ProofworkApplication;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.review.DecisionRecorded;
import org.proofwork.submission.GradeTarget;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How fast 1,000 decisions reach a platform, and how the worker behaves against Canvas's throttle. Not part of the
 * build: run it with {@code ./mvnw test -Dtest=GradebookBenchmark -Dbench=true} (see bench/gradebook/README.md).
 * Every run starts a node of its own (embedded database, production settings unless a {@code bench.*} property
 * says otherwise) against a {@link LmsStub} on this machine.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class GradebookBenchmark {

	static final int DECISIONS = Integer.getInteger("bench.decisions", 1000);

	/** Learners per course link: 1,000 decisions over 10 deep-linked placements. */
	static final int LEARNERS_PER_LINK = 100;

	static final Path REPORT = Path.of("target", "bench-gradebook.txt");

	@Test
	void thousandDecisionsAgainstASlowPlatform() throws IOException {
		int inFlight = Integer.getInteger("bench.inFlight", 4);
		long latency = Long.getLong("bench.latencyMillis", 100);
		Result result = run("AGS stub answering after " + latency + " ms, max-in-flight-per-host " + inFlight
				+ ", worker-threads " + threads(), inFlight, latency, null);
		assertThat(result.delivered()).isEqualTo(DECISIONS);
	}

	@Test
	void thousandDecisionsAgainstCanvasThrottling() throws IOException {
		double cost = Double.parseDouble(System.getProperty("bench.canvasCost", "1.0"));
		Result result = run("Canvas-like leaky bucket (cost " + cost + " per score, 100 ms each)", 4, 100,
				new LmsStub.CanvasBucket(cost));
		assertThat(result.permanentFailures()).isZero();
	}

	private Result run(String title, int inFlight, long latencyMillis, LmsStub.CanvasBucket bucket)
			throws IOException {
		try (LmsStub lms = new LmsStub(); ConfigurableApplicationContext node = start(inFlight)) {
			lms.meter.latencyMillis = latencyMillis;
			lms.meter.bucket = bucket;
			Platform platform = node.getBean(PlatformRegistry.class)
				.register(lms.details("bench"), Platform.Source.ADMIN);
			List<GradeTarget> links = new ArrayList<>();
			for (int link = 0; link < (DECISIONS + LEARNERS_PER_LINK - 1) / LEARNERS_PER_LINK; link++) {
				String lineItem = "/mod/lti/services.php/bench/lineitems/" + link + "/lineitem";
				lms.lineItem(lineItem, 1.0);
				lms.acceptScores(lineItem);
				links.add(new GradeTarget("canvas", lms.url("/mod/lti/services.php/bench/lineitems"),
						lms.url(lineItem), GradebookTestSupport.AGS_SCOPES, "Community Partnerships"));
			}
			TransactionTemplate transactions = node.getBean(TransactionTemplate.class);
			JdbcClient jdbc = node.getBean(JdbcClient.class);

			Instant start = Instant.now();
			for (int i = 0; i < DECISIONS; i++) {
				int link = i / LEARNERS_PER_LINK;
				DecisionRecorded decision = new DecisionRecorded(UUID.randomUUID().toString(), "ws-" + i, 1,
						i % 3 == 0 ? DecisionRecorded.Outcome.NOT_YET : DecisionRecorded.Outcome.EARNED,
						"Feedback " + i, platform.id(), LmsStub.DEPLOYMENT_ID, "course-bench", "link-" + link,
						"community-partnerships-for-learning-and-family-well-being", List.of("learner-" + i), Map.of(),
						links.get(link), Instant.now());
				transactions.executeWithoutResult(status -> node.publishEvent(decision));
			}
			Duration published = Duration.between(start, Instant.now());
			await().atMost(Duration.ofMinutes(15))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> count(jdbc, "'PENDING'") == 0 && count(jdbc, null) == DECISIONS);
			Duration total = Duration.between(start, Instant.now());

			long delivered = count(jdbc, "'DELIVERED'");
			long permanentFailures = count(jdbc, "'FAILED', 'PARKED'");
			long scoreRequests = lms.meter.scoreRequests.get();
			String throttling = bucket == null ? ""
					: String.format("%n  throttled (403 Rate Limit Exceeded): %d of %d score requests (%.1f %%)",
							bucket.throttled.get(), scoreRequests, 100.0 * bucket.throttled.get() / scoreRequests);
			String report = String.format("""
					%s
					  decisions: %d, delivered: %d, permanent failures (FAILED/PARKED): %d
					  total time (first publish to last delivery): %.1f s (publishing alone: %.1f s)
					  score requests: %d, token requests: %d, max in flight at the platform: %d%s
					""", title, DECISIONS, delivered, permanentFailures, total.toMillis() / 1000.0,
					published.toMillis() / 1000.0, scoreRequests, lms.tokenRequests(), lms.meter.maxInFlight.get(),
					throttling);
			System.out.println(report);
			Files.createDirectories(REPORT.getParent());
			Files.writeString(REPORT, report + System.lineSeparator(), StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
			return new Result(delivered, permanentFailures);
		}
	}

	private static long count(JdbcClient jdbc, String states) {
		return jdbc.sql("SELECT COUNT(*) FROM score_delivery" + (states == null ? "" : " WHERE state IN (" + states + ")"))
			.query(Long.class)
			.single();
	}

	private static ConfigurableApplicationContext start(int inFlight) {
		String database = "jdbc:h2:mem:gradebook-bench-" + UUID.randomUUID()
				+ ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
		return new SpringApplicationBuilder(ProofworkApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + database, "--spring.datasource.username=sa",
				"--spring.datasource.password=", "--proofwork.gradebook.max-in-flight-per-host=" + inFlight,
				"--proofwork.gradebook.worker-threads=" + threads(),
				"--logging.level.org.proofwork.gradebook=WARN");
	}

	/** The worker's threads: the production default unless {@code bench.threads} says otherwise. */
	private static int threads() {
		return Integer.getInteger("bench.threads", 8);
	}

	record Result(long delivered, long permanentFailures) {
	}
}
