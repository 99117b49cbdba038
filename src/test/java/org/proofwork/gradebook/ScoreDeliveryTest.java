package org.proofwork.gradebook;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.proofwork.lti.Platform;
import org.proofwork.review.DecisionRecorded;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scores reach the platform's gradebook: in the shape each platform needs, in order, once, through outages and
 * throttling, and refusals end up in front of the instructor.
 */
@org.junit.jupiter.api.Tag("persistence")
class ScoreDeliveryTest extends GradebookTestSupport {

	static final String SCORE_CONTENT_TYPE = "application/vnd.ims.lis.v1.score+json";

	@Test
	void submittingPostsPendingManualWithoutAScore() {
		Placement link = moodleLink();

		publish(link.submission("ws-1", 1, "moodle-user-5"));

		ScoreDelivery delivered = awaitState(link, "moodle-user-5", DeliveryState.DELIVERED);
		List<JsonNode> scores = lms.acceptedScores(link.lineItemPath());
		assertThat(scores).hasSize(1);
		JsonNode score = scores.get(0);
		assertThat(score.path("userId").asString()).isEqualTo("moodle-user-5");
		assertThat(score.path("activityProgress").asString()).isEqualTo("Submitted");
		assertThat(score.path("gradingProgress").asString()).isEqualTo("PendingManual");
		// Moodle keeps scoreGiven only with FullyGraded and clears the cell otherwise, which is right while the
		// work awaits review: no score, no maximum, and no Canvas extension for Moodle.
		assertThat(score.has("scoreGiven")).isFalse();
		assertThat(score.has("scoreMaximum")).isFalse();
		assertThat(score.has("https://canvas.instructure.com/lti/submission")).isFalse();
		assertThat(delivered.scoreGiven()).isNull();
		ServeEvent request = lms.scoreRequests(link.lineItemPath()).get(0);
		// Moodle: /scores before the query string, and the score media type.
		assertThat(request.getRequest().getUrl()).isEqualTo(link.lineItemPath() + "/scores?type_id=1");
		assertThat(request.getRequest().getHeader("Content-Type")).isEqualTo(SCORE_CONTENT_TYPE);
	}

	@Test
	void submittingFromCanvasSendsTheSubmissionExtensionWithTheReviewUrl() {
		Placement link = canvasLink();
		var submitted = link.submission("ws-canvas-1", 2, "canvas-user-1");

		publish(submitted);

		awaitState(link, "canvas-user-1", DeliveryState.DELIVERED);
		JsonNode score = lms.acceptedScores(link.lineItemPath()).get(0);
		assertThat(score.path("gradingProgress").asString()).isEqualTo("PendingManual");
		assertThat(score.path("activityProgress").asString()).isEqualTo("Submitted");
		assertThat(score.has("scoreGiven")).isFalse();
		JsonNode extension = score.path("https://canvas.instructure.com/lti/submission");
		assertThat(extension.path("new_submission").asBoolean()).isTrue();
		assertThat(extension.path("submission_type").asString()).isEqualTo("basic_lti_launch");
		assertThat(extension.path("submission_data").asString())
			.isEqualTo("http://localhost:8080/lti/launch?submission=ws-canvas-1");
		// MariaDB through Connector/J keeps whole seconds only.
		assertThat(OffsetDateTime.parse(extension.path("submitted_at").asString()).toInstant())
			.isBetween(submitted.submittedAt().truncatedTo(ChronoUnit.SECONDS),
					submitted.submittedAt().truncatedTo(ChronoUnit.MILLIS));
	}

	@Test
	void earnedPostsFullMarksFullyGradedWithTheFeedback() {
		Placement link = moodleLink();

		publish(link.decision("ws-2", DecisionRecorded.Outcome.EARNED, "Meets every part of the rubric.",
				"moodle-user-6"));

		awaitState(link, "moodle-user-6", DeliveryState.DELIVERED);
		JsonNode score = lms.acceptedScores(link.lineItemPath()).get(0);
		assertThat(score.path("scoreGiven").asDouble()).isEqualTo(1.0);
		assertThat(score.path("scoreMaximum").asDouble()).isEqualTo(1.0);
		assertThat(score.path("gradingProgress").asString()).isEqualTo("FullyGraded");
		assertThat(score.path("activityProgress").asString()).isEqualTo("Completed");
		assertThat(score.path("comment").asString()).isEqualTo("Meets every part of the rubric.");
	}

	@Test
	void earnedGetsTheColumnsOwnMaximum() {
		Placement link = link("moodle", true, 10.0);

		publish(link.decision("ws-3", DecisionRecorded.Outcome.EARNED, "Well done", "moodle-user-7"));

		awaitState(link, "moodle-user-7", DeliveryState.DELIVERED);
		JsonNode score = lms.acceptedScores(link.lineItemPath()).get(0);
		assertThat(score.path("scoreGiven").asDouble()).isEqualTo(10.0);
		assertThat(score.path("scoreMaximum").asDouble()).isEqualTo(10.0);
	}

	@Test
	void notYetPostsZero() {
		Placement link = moodleLink();

		publish(link.decision("ws-4", DecisionRecorded.Outcome.NOT_YET, "Part 2 needs the asset map.",
				"moodle-user-8"));

		awaitState(link, "moodle-user-8", DeliveryState.DELIVERED);
		JsonNode score = lms.acceptedScores(link.lineItemPath()).get(0);
		assertThat(score.path("scoreGiven").asDouble()).isEqualTo(0.0);
		assertThat(score.path("scoreMaximum").asDouble()).isEqualTo(1.0);
		assertThat(score.path("gradingProgress").asString()).isEqualTo("FullyGraded");
		assertThat(score.path("comment").asString()).isEqualTo("Part 2 needs the asset map.");
	}

	@Test
	void aTeamDecisionScoresEveryMember() {
		Placement link = moodleLink();

		publish(link.decision("ws-team", DecisionRecorded.Outcome.EARNED, "Strong plan", "member-a", "member-b",
				"member-c"));

		for (String member : List.of("member-a", "member-b", "member-c")) {
			awaitState(link, member, DeliveryState.DELIVERED);
		}
		assertThat(lms.acceptedScores(link.lineItemPath())).extracting(score -> score.path("userId").asString())
			.containsExactlyInAnyOrder("member-a", "member-b", "member-c");
	}

	@Test
	void otherModulesSeeWhereEachMembersScoreStands() {
		Placement link = moodleLink();
		lms.scores(link.lineItemPath(), aResponse().withStatus(422).withBody("not a student"));
		publish(link.submission("ws-status", 1, "status-a", "status-b"));
		awaitState(link, "status-a", DeliveryState.FAILED);
		awaitState(link, "status-b", DeliveryState.FAILED);
		lms.acceptScores(link.lineItemPath());
		publish(link.decision("ws-status", DecisionRecorded.Outcome.EARNED, "ok", "status-a", "status-b"));
		awaitState(link, "status-a", DeliveryState.DELIVERED);
		awaitState(link, "status-b", DeliveryState.DELIVERED);

		List<DeliveryStatus> statuses = gradebook.statusFor(link.course(), "ws-status");

		assertThat(statuses).extracting(DeliveryStatus::userId).containsExactly("status-a", "status-b");
		assertThat(statuses).allSatisfy(status -> {
			assertThat(status.state()).isEqualTo(DeliveryState.DELIVERED);
			assertThat(status.submitted()).isFalse();
			assertThat(status.earned()).contains(true);
			assertThat(status.deliveredAt()).isPresent();
			assertThat(status.problemTitleCode()).isEmpty();
		});
		assertThat(gradebook.statusFor(link.course(), "another-workspace")).isEmpty();
	}

	@Test
	void aRegradePostsALaterTimestampInWholeSeconds() {
		Placement link = moodleLink();
		publish(link.decision("ws-5", DecisionRecorded.Outcome.NOT_YET, "Not yet", "moodle-user-9"));
		awaitState(link, "moodle-user-9", DeliveryState.DELIVERED);

		publish(link.decision("ws-5", DecisionRecorded.Outcome.EARNED, "On review: earned", "moodle-user-9"));

		await().atMost(Duration.ofSeconds(20)).until(() -> lms.acceptedScores(link.lineItemPath()).size() == 2);
		List<JsonNode> scores = lms.acceptedScores(link.lineItemPath());
		Instant first = OffsetDateTime.parse(scores.get(0).path("timestamp").asString()).toInstant();
		Instant second = OffsetDateTime.parse(scores.get(1).path("timestamp").asString()).toInstant();
		// Moodle stores seconds and refuses an equal timestamp; both regrades happened within the same second here.
		assertThat(second).isAfterOrEqualTo(first.plusSeconds(1));
		assertThat(first.getNano()).isZero();
		assertThat(second.getNano()).isZero();
		assertThat(scores.get(1).path("scoreGiven").asDouble()).isEqualTo(1.0);
	}

	@Test
	void scoresWaitingWhileThePlatformIsDownAreAllDeliveredWhenItRecovers() {
		Placement link = moodleLink();
		lms.scores(link.lineItemPath(), aResponse().withStatus(503).withBody("Service Unavailable"));
		List<String> learners = IntStream.rangeClosed(1, 5).mapToObj(i -> "down-user-" + i).toList();
		learners.forEach(learner -> publish(link.decision("ws-" + learner, DecisionRecorded.Outcome.EARNED, "ok",
				learner)));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> rows(link).stream().filter(row -> row.failedAttempts() >= 1).count() == learners.size());

		lms.acceptScores(link.lineItemPath());

		learners.forEach(learner -> awaitState(link, learner, DeliveryState.DELIVERED));
		assertThat(lms.acceptedScores(link.lineItemPath())).extracting(score -> score.path("userId").asString())
			.containsExactlyInAnyOrderElementsOf(learners);
		assertThat(lms.scoreRequests(link.lineItemPath())).anyMatch(event -> event.getResponse().getStatus() == 503);
	}

	@Test
	void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
		Placement link = moodleLink();
		String path = link.lineItemPath() + "/scores";
		lms.server.stubFor(post(urlPathEqualTo(path)).inScenario("throttled " + path)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
			.willSetStateTo("open"));
		lms.server.stubFor(post(urlPathEqualTo(path)).inScenario("throttled " + path)
			.whenScenarioStateIs("open")
			.willReturn(aResponse().withStatus(200)));

		publish(link.decision("ws-6", DecisionRecorded.Outcome.EARNED, "ok", "throttled-user"));

		ScoreDelivery delivered = awaitState(link, "throttled-user", DeliveryState.DELIVERED);
		List<ServeEvent> requests = lms.scoreRequests(link.lineItemPath());
		assertThat(requests).extracting(event -> event.getResponse().getStatus()).containsExactly(429, 200);
		long waited = requests.get(1).getRequest().getLoggedDate().getTime()
				- requests.get(0).getRequest().getLoggedDate().getTime();
		assertThat(waited).as("milliseconds between the 429 and the next try").isGreaterThanOrEqualTo(2000);
		// Throttling is the platform pacing the tool, not a failure of this score.
		assertThat(delivered.failedAttempts()).isZero();
	}

	@Test
	void canvasRateLimitExceededIsWaitedOutNotRefused() {
		Placement link = canvasLink();
		String path = link.lineItemPath() + "/scores";
		lms.server.stubFor(post(urlPathEqualTo(path)).inScenario("canvas " + path)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(403)
				.withHeader("X-Rate-Limit-Remaining", "0.0")
				.withBody("403 Forbidden (Rate Limit Exceeded)"))
			.willSetStateTo("open"));
		lms.server.stubFor(post(urlPathEqualTo(path)).inScenario("canvas " + path)
			.whenScenarioStateIs("open")
			.willReturn(aResponse().withStatus(200)));

		publish(link.decision("ws-7", DecisionRecorded.Outcome.EARNED, "ok", "canvas-throttled"));

		awaitState(link, "canvas-throttled", DeliveryState.DELIVERED);
		assertThat(lms.scoreRequests(link.lineItemPath())).extracting(event -> event.getResponse().getStatus())
			.containsExactly(403, 200);
	}

	@Test
	void aStaleTimestampIsFinalAndShownWithAResend() {
		Placement link = moodleLink();
		lms.scores(link.lineItemPath(), aResponse().withStatus(409).withBody("Refusing to save an older grade"));

		publish(link.decision("ws-8", DecisionRecorded.Outcome.EARNED, "ok", "stale-user"));

		ScoreDelivery failed = awaitState(link, "stale-user", DeliveryState.FAILED);
		assertThat(failed.problem()).isEqualTo(DeliveryProblem.STALE_TIMESTAMP);
		assertThat(failed.problemDetail()).contains("409");
		assertThat(failed.status().problemAdviceCode()).contains("gradebook.problem.stale.advice");
		sleepPastRetries();
		assertThat(lms.scoreRequests(link.lineItemPath())).as("not retried").hasSize(1);
	}

	@Test
	void canvasRefusingAnEarlierTimestampIsFinalToo() {
		Placement link = canvasLink();
		lms.scores(link.lineItemPath(), aResponse().withStatus(400)
			.withBody("{\"errors\":{\"type\":\"bad_request\",\"message\":\"Provided timestamp of "
					+ "2026-01-01T10:00:00+00:00 before last updated timestamp of 2026-01-01T10:00:05+00:00\"}}"));

		publish(link.decision("ws-9", DecisionRecorded.Outcome.NOT_YET, "Not yet", "canvas-stale"));

		ScoreDelivery failed = awaitState(link, "canvas-stale", DeliveryState.FAILED);
		assertThat(failed.problem()).isEqualTo(DeliveryProblem.STALE_TIMESTAMP);
		sleepPastRetries();
		assertThat(lms.scoreRequests(link.lineItemPath())).hasSize(1);
	}

	@Test
	void aPersonTheLmsCannotGradeIsFinal() {
		Placement link = canvasLink();
		lms.scores(link.lineItemPath(), aResponse().withStatus(422).withBody("User not found in course or is not a student"));

		publish(link.decision("ws-10", DecisionRecorded.Outcome.EARNED, "ok", "teacher-as-learner"));

		ScoreDelivery failed = awaitState(link, "teacher-as-learner", DeliveryState.FAILED);
		assertThat(failed.problem()).isEqualTo(DeliveryProblem.NOT_GRADABLE);
		sleepPastRetries();
		assertThat(lms.scoreRequests(link.lineItemPath())).hasSize(1);
	}

	@Test
	void aDeletedColumnIsFinalAndSendingAgainCreatesANewOne() {
		Placement link = moodleLink();
		lms.scores(link.lineItemPath(), aResponse().withStatus(404).withBody("No such line item"));
		publish(link.decision("ws-11", DecisionRecorded.Outcome.EARNED, "ok", "gone-user"));
		ScoreDelivery failed = awaitState(link, "gone-user", DeliveryState.FAILED);
		assertThat(failed.problem()).isEqualTo(DeliveryProblem.COLUMN_GONE);
		// The platform lists no column for the link any more; creating one gives a new line item.
		String lineItems = link.target().lineItems().getRawPath();
		String created = lineItems + "/99/lineitem";
		lms.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(lineItems))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
		lms.server.stubFor(post(urlPathEqualTo(lineItems)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
			.withBody("{\"id\":\"" + lms.url(created) + "\",\"label\":\"Community Partnerships\",\"scoreMaximum\":1,"
					+ "\"resourceLinkId\":\"" + link.resourceLinkId() + "\",\"resourceId\":\"x\",\"tag\":\"proofwork-credential\"}")));
		lms.acceptScores(created);

		assertThat(outbox.sendAgain(failed)).isTrue();

		awaitState(link, "gone-user", DeliveryState.DELIVERED);
		assertThat(lms.acceptedScores(created)).hasSize(1);
	}

	@Test
	void oneTokenServesManyDeliveries() {
		// A registration of its own, so no earlier test's token is in the cache.
		Platform fresh = registry.register(lms.details("token-test-" + java.util.UUID.randomUUID()),
				Platform.Source.ADMIN);
		Placement link = link(fresh, "moodle", true, 1.0);
		int before = lms.tokenRequests();
		List<String> learners = IntStream.rangeClosed(1, 20).mapToObj(i -> "token-user-" + i).toList();

		learners.forEach(learner -> publish(link.decision("ws-t-" + learner, DecisionRecorded.Outcome.EARNED, "ok",
				learner)));

		learners.forEach(learner -> awaitState(link, learner, DeliveryState.DELIVERED));
		assertThat(lms.tokenRequests() - before).isEqualTo(1);
	}

	@Test
	void aLaunchWithoutGradeServiceIsRecordedAsNotPossible() {
		Placement link = moodleLink().withoutGradeService();

		publish(link.decision("ws-12", DecisionRecorded.Outcome.EARNED, "ok", "no-ags-user"));

		ScoreDelivery impossible = awaitState(link, "no-ags-user", DeliveryState.NOT_POSSIBLE);
		assertThat(impossible.problem()).isEqualTo(DeliveryProblem.NO_GRADE_SERVICE);
		assertThat(lms.scoreRequests(link.lineItemPath())).isEmpty();
	}

	@Test
	void aNewerScoreSupersedesAnOlderOneThatWasNotSentYet() {
		Placement link = moodleLink();
		// The platform asks for a pause, so the submission's score is still waiting when the decision comes.
		lms.scores(link.lineItemPath(), aResponse().withStatus(429).withHeader("Retry-After", "3"));
		publish(link.submission("ws-13", 1, "superseded-user"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> row(link, "superseded-user").problem() == DeliveryProblem.RETRYING);

		publish(link.decision("ws-13", DecisionRecorded.Outcome.EARNED, "Earned", "superseded-user"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> rows(link).stream()
				.map(ScoreDelivery::state)
				.toList()
				.equals(List.of(DeliveryState.SUPERSEDED, DeliveryState.PENDING)));
		lms.acceptScores(link.lineItemPath());

		awaitState(link, "superseded-user", DeliveryState.DELIVERED);
		assertThat(lms.acceptedScores(link.lineItemPath())).extracting(score -> score.path("gradingProgress").asString())
			.containsExactly("FullyGraded");
		assertThat(rows(link)).extracting(ScoreDelivery::state)
			.containsExactly(DeliveryState.SUPERSEDED, DeliveryState.DELIVERED);
	}

	@Test
	void aScoreThatKeepsFailingIsParked() {
		Placement link = moodleLink();
		lms.scores(link.lineItemPath(), aResponse().withStatus(500).withBody("Database error"));

		publish(link.decision("ws-14", DecisionRecorded.Outcome.EARNED, "ok", "parked-user"));

		ScoreDelivery parked = awaitState(link, "parked-user", DeliveryState.PARKED);
		assertThat(parked.problem()).isEqualTo(DeliveryProblem.KEEPS_FAILING);
		assertThat(parked.failedAttempts()).isEqualTo(4);
		assertThat(lms.scoreRequests(link.lineItemPath())).hasSize(4);
	}

	@Test
	void aRepublishedEventAddsNoSecondScore() {
		Placement link = moodleLink();
		var decision = link.decision("ws-15", DecisionRecorded.Outcome.EARNED, "ok", "replayed-user");

		publish(decision);
		awaitState(link, "replayed-user", DeliveryState.DELIVERED);
		publish(decision);

		sleepPastRetries();
		assertThat(rows(link)).hasSize(1);
		assertThat(lms.acceptedScores(link.lineItemPath())).hasSize(1);
	}

	@Test
	void withoutALaunchLineItemTheColumnIsFoundOrCreatedOnceAndReused() {
		Placement link = moodleLink().withoutLaunchLineItem();
		String lineItems = link.target().lineItems().getRawPath();
		String created = lineItems + "/31/lineitem";
		lms.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(lineItems))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
		lms.server.stubFor(post(urlPathEqualTo(lineItems)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
			.withBody("{\"id\":\"" + lms.url(created) + "\",\"label\":\"Community Partnerships\",\"scoreMaximum\":1,"
					+ "\"resourceLinkId\":\"" + link.resourceLinkId()
					+ "\",\"resourceId\":\"community-partnerships-for-learning-and-family-well-being\","
					+ "\"tag\":\"proofwork-credential\"}")));
		lms.acceptScores(created);

		List<String> learners = IntStream.rangeClosed(1, 6).mapToObj(i -> "column-user-" + i).toList();
		learners.forEach(learner -> publish(link.decision("ws-c-" + learner, DecisionRecorded.Outcome.EARNED, "ok",
				learner)));

		learners.forEach(learner -> awaitState(link, learner, DeliveryState.DELIVERED));
		assertThat(lms.acceptedScores(created)).hasSize(learners.size());
		List<ServeEvent> creations = lms.server.getAllServeEvents()
			.stream()
			.filter(event -> event.getRequest().getMethod().getName().equals("POST")
					&& event.getRequest().getUrl().startsWith(lineItems)
					&& !event.getRequest().getUrl().contains("/lineitem/"))
			.toList();
		assertThat(creations).as("line items created").hasSize(1);
		JsonNode created0 = LmsStub.JSON.readTree(creations.get(0).getRequest().getBodyAsString());
		assertThat(created0.path("tag").asString()).isEqualTo("proofwork-credential");
		assertThat(created0.path("resourceLinkId").asString()).isEqualTo(link.resourceLinkId());
		assertThat(created0.path("resourceId").asString())
			.isEqualTo("community-partnerships-for-learning-and-family-well-being");
		assertThat(created0.path("label").asString()).isEqualTo("Community Partnerships");
	}

	@Test
	void neverMoreThanTheLimitInFlightToOneHost() {
		Placement link = moodleLink();
		lms.meter.reset();
		lms.meter.latencyMillis = 250;
		try {
			List<String> learners = IntStream.rangeClosed(1, 16).mapToObj(i -> "busy-user-" + i).toList();
			learners.forEach(learner -> publish(link.decision("ws-b-" + learner, DecisionRecorded.Outcome.EARNED,
					"ok", learner)));

			learners.forEach(learner -> awaitState(link, learner, DeliveryState.DELIVERED));
			assertThat(lms.meter.maxInFlight.get()).isBetween(2, 4);
		}
		finally {
			lms.meter.reset();
		}
	}

	@Autowired
	ScoreOutbox outbox;

	@Autowired
	GradebookDeliveries gradebook;

	/** Long enough for the short test retry delays to have fired several times. */
	private static void sleepPastRetries() {
		try {
			Thread.sleep(1500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
