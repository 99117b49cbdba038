package org.proofwork.lti;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.proofwork.testing.MutableClock;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssignmentGradeServiceTest {

	@RegisterExtension
	static WireMockExtension lms = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String TOKEN_PATH = "/login/oauth2/token";

	static final String LINE_ITEMS_PATH = "/mod/lti/services.php/2/lineitems";

	static final String LINE_ITEM_PATH = LINE_ITEMS_PATH + "/7/lineitem";

	static final String SCORES_PATH = LINE_ITEM_PATH + "/scores";

	static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";

	static final String LINE_ITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json";

	static final String CONTAINER_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";

	static final Instant SCORED_AT = Instant.parse("2025-03-01T10:15:30.123Z");

	static RSAKey toolKey;

	MutableClock clock;

	AssignmentGradeService grades;

	Platform platform;

	@BeforeAll
	static void createToolKey() throws Exception {
		toolKey = new RSAKeyGenerator(2048).keyID("tool-key-1").algorithm(JWSAlgorithm.RS256).generate();
	}

	@BeforeEach
	void platformIssuesTokens() {
		clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
		// A short read timeout keeps the timeout test fast; production uses PlatformHttp.READ_TIMEOUT.
		PlatformHttp http = new PlatformHttp(RestClient.builder(), clock, Duration.ofMillis(700));
		grades = new AssignmentGradeService(new PlatformAccessTokens(() -> toolKey, http, clock), http);
		platform = PlatformAccessTokensTest.platform(URI.create(lms.baseUrl() + TOKEN_PATH));
		lms.stubFor(post(TOKEN_PATH).willReturn(PlatformAccessTokensTest.moodleToken("ags-token", 3600)));
	}

	// Scores

	@Test
	void postsScoreWithTheScoreMediaTypeToScoresBeforeTheQueryString() {
		lms.stubFor(post(urlPathEqualTo(SCORES_PATH)).willReturn(aResponse().withStatus(200)));

		grades.postScore(platform, url(LINE_ITEM_PATH + "?type_id=1"), passingScore());

		lms.verify(postRequestedFor(urlEqualTo(SCORES_PATH + "?type_id=1"))
			.withHeader("Content-Type", equalTo(SCORE_TYPE))
			.withHeader("Authorization", equalTo("Bearer ags-token")));
	}

	@Test
	void scoreJsonHasAMillisecondTimestampWithOffsetAndLeavesOutNullFields() {
		lms.stubFor(post(urlPathEqualTo(SCORES_PATH)).willReturn(aResponse().withStatus(200)));
		Score progressOnly = new Score("moodle-user-5", null, null, null, SCORED_AT, Score.ActivityProgress.SUBMITTED,
				Score.GradingProgress.PENDING_MANUAL, Map.of());

		grades.postScore(platform, url(LINE_ITEM_PATH), progressOnly);

		lms.verify(postRequestedFor(urlEqualTo(SCORES_PATH)).withRequestBody(equalToJson("""
				{"userId": "moodle-user-5", "timestamp": "2025-03-01T10:15:30.123+00:00",
				 "activityProgress": "Submitted", "gradingProgress": "PendingManual"}""")));
	}

	@Test
	void gradedScoreCarriesScoreMaximumAndComment() {
		lms.stubFor(post(urlPathEqualTo(SCORES_PATH)).willReturn(aResponse().withStatus(200)));

		grades.postScore(platform, url(LINE_ITEM_PATH), passingScore());

		lms.verify(postRequestedFor(urlEqualTo(SCORES_PATH)).withRequestBody(equalToJson("""
				{"userId": "moodle-user-5", "scoreGiven": 1.0, "scoreMaximum": 1.0, "comment": "Meets the rubric",
				 "timestamp": "2025-03-01T10:15:30.123+00:00", "activityProgress": "Completed",
				 "gradingProgress": "FullyGraded"}""")));
	}

	@Test
	void scoreGivenWithoutScoreMaximumIsRejectedBeforeSending() {
		assertThatThrownBy(() -> new Score("moodle-user-5", 1.0, null, null, SCORED_AT,
				Score.ActivityProgress.COMPLETED, Score.GradingProgress.FULLY_GRADED, Map.of()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("scoreMaximum");
	}

	@Test
	void canvasSubmissionExtensionIsSentAsATopLevelField() {
		lms.stubFor(post(urlPathEqualTo(SCORES_PATH)).willReturn(aResponse().withStatus(200)));
		Score submitted = passingScore().withCanvasSubmission(new Score.CanvasSubmission(true, "basic_lti_launch",
				"https://proofwork.example.edu/submissions/9", Instant.parse("2025-03-01T09:00:00Z")));

		grades.postScore(platform, url(LINE_ITEM_PATH), submitted);

		lms.verify(postRequestedFor(urlEqualTo(SCORES_PATH)).withRequestBody(equalToJson("""
				{"https://canvas.instructure.com/lti/submission": {"new_submission": true,
				  "submission_type": "basic_lti_launch",
				  "submission_data": "https://proofwork.example.edu/submissions/9",
				  "submitted_at": "2025-03-01T09:00:00.000+00:00"}}""", true, true)));
	}

	@Test
	void retriesOnceWithANewTokenWhenThePlatformRefusesTheToken() {
		lms.stubFor(post(TOKEN_PATH).inScenario("revocation")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(PlatformAccessTokensTest.moodleToken("ags-token", 3600))
			.willSetStateTo("revoked"));
		lms.stubFor(post(TOKEN_PATH).inScenario("revocation")
			.whenScenarioStateIs("revoked")
			.willReturn(PlatformAccessTokensTest.moodleToken("ags-token-2", 3600)));
		lms.stubFor(post(urlPathEqualTo(SCORES_PATH)).withHeader("Authorization", equalTo("Bearer ags-token"))
			.willReturn(aResponse().withStatus(401)));
		lms.stubFor(post(urlPathEqualTo(SCORES_PATH)).withHeader("Authorization", equalTo("Bearer ags-token-2"))
			.willReturn(aResponse().withStatus(200)));

		grades.postScore(platform, url(LINE_ITEM_PATH), passingScore());

		lms.verify(postRequestedFor(urlPathEqualTo(SCORES_PATH)).withHeader("Authorization",
				equalTo("Bearer ags-token-2")));
	}

	@Test
	void readsLineItemsAndPostsScoresWithOneTokenForTheAgsScopes() {
		lms.stubFor(get(urlPathEqualTo(LINE_ITEMS_PATH)).willReturn(moodleLineItems("[]")));
		lms.stubFor(post(urlPathEqualTo(SCORES_PATH)).willReturn(aResponse().withStatus(200)));

		grades.findLineItems(platform, url(LINE_ITEMS_PATH), LineItemQuery.all());
		grades.postScore(platform, url(LINE_ITEM_PATH), passingScore());

		lms.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)).withFormParam("scope",
				equalTo("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem "
						+ "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly "
						+ "https://purl.imsglobal.org/spec/lti-ags/scope/score")));
	}

	// Error classification

	@Test
	void unavailablePlatformIsRetryable() {
		PlatformServiceException refused = scoreAnswered(aResponse().withStatus(503).withBody("Service Unavailable"));

		assertThat(refused.status()).hasValue(503);
		assertThat(refused.retryable()).isTrue();
	}

	@Test
	void tooManyRequestsIsRetryableAfterTheSecondsThePlatformAsks() {
		PlatformServiceException refused = scoreAnswered(aResponse().withStatus(429).withHeader("Retry-After", "30"));

		assertThat(refused.retryable()).isTrue();
		assertThat(refused.retryAfter()).hasValue(Duration.ofSeconds(30));
	}

	@Test
	void retryAfterGivenAsAnHttpDateIsTheTimeUntilThen() {
		String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(clock.instant().plusSeconds(120).atOffset(ZoneOffset.UTC));

		PlatformServiceException refused = scoreAnswered(
				aResponse().withStatus(429).withHeader("Retry-After", inTwoMinutes));

		assertThat(refused.retryAfter()).hasValue(Duration.ofSeconds(120));
	}

	@Test
	void canvasRateLimitAs403IsRetryable() {
		PlatformServiceException refused = scoreAnswered(aResponse().withStatus(403)
			.withHeader("X-Rate-Limit-Remaining", "0.0")
			.withBody("403 Forbidden (Rate Limit Exceeded)\n"));

		assertThat(refused.status()).hasValue(403);
		assertThat(refused.retryable()).isTrue();
	}

	@Test
	void forbiddenWithoutRateLimitIsFinal() {
		PlatformServiceException refused = scoreAnswered(aResponse().withStatus(403)
			.withHeader("X-Rate-Limit-Remaining", "700.0")
			.withBody("{\"errors\":[{\"message\":\"Access Denied\"}]}"));

		assertThat(refused.retryable()).isFalse();
	}

	@Test
	void moodleConflictOverAStaleTimestampIsFinal() {
		PlatformServiceException refused = scoreAnswered(aResponse().withStatus(409));

		assertThat(refused.status()).hasValue(409);
		assertThat(refused.retryable()).isFalse();
	}

	@Test
	void badRequestIsFinalAndKeepsThePlatformsWords() {
		PlatformServiceException refused = scoreAnswered(aResponse().withStatus(400)
			.withBody("{\"errors\":{\"type\":\"bad_request\",\"message\":\"Score timestamp not after previous\"}}"));

		assertThat(refused.retryable()).isFalse();
		assertThat(refused.responseExcerpt()).contains("Score timestamp not after previous");
	}

	@Test
	void canvasUnprocessableUserIsFinal() {
		PlatformServiceException refused = scoreAnswered(aResponse().withStatus(422));

		assertThat(refused.status()).hasValue(422);
		assertThat(refused.retryable()).isFalse();
	}

	@Test
	void unknownLineItemIsFinal() {
		PlatformServiceException refused = scoreAnswered(aResponse().withStatus(404));

		assertThat(refused.retryable()).isFalse();
	}

	@Test
	void longErrorPagesAreCutToAnExcerpt() {
		PlatformServiceException refused = scoreAnswered(aResponse().withStatus(500).withBody("x".repeat(20_000)));

		assertThat(refused.responseExcerpt()).hasSizeLessThanOrEqualTo(PlatformServiceException.EXCERPT_LENGTH + 1);
	}

	@Test
	void platformThatDoesNotAnswerInTimeIsRetryableWithoutStatus() {
		PlatformServiceException refused = scoreAnswered(aResponse().withStatus(200).withFixedDelay(3_000));

		assertThat(refused.status()).isEmpty();
		assertThat(refused.retryable()).isTrue();
		assertThat(refused.reason()).isEqualTo("timed out");
	}

	// Line items

	@Test
	void findsTheResourceLinksLineItemInsteadOfCreatingOne() {
		lms.stubFor(get(urlPathEqualTo(LINE_ITEMS_PATH)).willReturn(moodleLineItems("""
				[{"id": "%s", "label": "Teaching portfolio", "scoreMaximum": 100.0, "resourceId": "", "tag": "",
				  "resourceLinkId": "12", "ltiLinkId": "12"}]""".formatted(url(LINE_ITEM_PATH + "?type_id=1")))));

		LineItem found = grades.findOrCreateLineItem(platform, url(LINE_ITEMS_PATH + "?type_id=1"),
				new NewLineItem("Teaching portfolio", 1, "credential-3", "pass-fail", "12"));

		assertThat(found.id()).isEqualTo(url(LINE_ITEM_PATH + "?type_id=1"));
		lms.verify(0, postRequestedFor(urlPathEqualTo(LINE_ITEMS_PATH)));
	}

	@Test
	void searchesByResourceLinkIdKeepingThePlatformsOwnQueryParameters() {
		lms.stubFor(get(urlPathEqualTo(LINE_ITEMS_PATH)).willReturn(moodleLineItems("[]")));

		grades.findLineItems(platform, url(LINE_ITEMS_PATH + "?type_id=1"), LineItemQuery.forResourceLink("12 & 13"));

		lms.verify(getRequestedFor(urlPathEqualTo(LINE_ITEMS_PATH)).withQueryParam("type_id", equalTo("1"))
			.withQueryParam("resource_link_id", equalTo("12 & 13"))
			.withHeader("Accept", equalTo(CONTAINER_TYPE)));
	}

	@Test
	void createsTheLineItemWhenNoneMatches() {
		lms.stubFor(get(urlPathEqualTo(LINE_ITEMS_PATH)).willReturn(moodleLineItems("[]")));
		lms.stubFor(post(urlPathEqualTo(LINE_ITEMS_PATH)).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", LINE_ITEM_TYPE)
			.withBody("""
					{"id": "%s", "label": "Teaching portfolio", "scoreMaximum": 1, "resourceId": "credential-3",
					 "tag": "pass-fail", "resourceLinkId": "12"}""".formatted(url(LINE_ITEMS_PATH + "/31/lineitem")))));

		LineItem created = grades.findOrCreateLineItem(platform, url(LINE_ITEMS_PATH),
				new NewLineItem("Teaching portfolio", 1, "credential-3", "pass-fail", "12"));

		assertThat(created.id()).isEqualTo(url(LINE_ITEMS_PATH + "/31/lineitem"));
		lms.verify(1, postRequestedFor(urlPathEqualTo(LINE_ITEMS_PATH))
			.withHeader("Content-Type", equalTo(LINE_ITEM_TYPE))
			.withRequestBody(equalToJson("""
					{"label": "Teaching portfolio", "scoreMaximum": 1.0, "resourceId": "credential-3",
					 "tag": "pass-fail", "resourceLinkId": "12"}""")));
	}

	@Test
	void usesAnUnlinkedLineItemOfTheSameResourceRatherThanCreatingAnother() {
		lms.stubFor(get(urlPathEqualTo(LINE_ITEMS_PATH)).withQueryParam("resource_link_id", equalTo("12"))
			.willReturn(moodleLineItems("[]")));
		lms.stubFor(get(urlPathEqualTo(LINE_ITEMS_PATH)).withQueryParam("resource_id", equalTo("credential-3"))
			.willReturn(moodleLineItems("""
					[{"id": "%s/40/lineitem", "label": "Portfolio", "scoreMaximum": 1, "resourceId": "credential-3",
					  "tag": "pass-fail"}]""".formatted(lms.baseUrl() + LINE_ITEMS_PATH))));

		LineItem found = grades.findOrCreateLineItem(platform, url(LINE_ITEMS_PATH),
				new NewLineItem("Teaching portfolio", 1, "credential-3", "pass-fail", "12"));

		assertThat(found.id()).isEqualTo(url(LINE_ITEMS_PATH + "/40/lineitem"));
		lms.verify(0, postRequestedFor(urlPathEqualTo(LINE_ITEMS_PATH)));
	}

	@Test
	void filtersWhatThePlatformReturnsWhenItIgnoresTheFilter() {
		lms.stubFor(get(urlPathEqualTo(LINE_ITEMS_PATH)).willReturn(moodleLineItems("""
				[{"id": "%1$s/1/lineitem", "label": "Quiz", "scoreMaximum": 10, "resourceLinkId": "5"},
				 {"id": "%1$s/2/lineitem", "label": "Portfolio", "scoreMaximum": 1, "resourceLinkId": "12"}]"""
			.formatted(lms.baseUrl() + LINE_ITEMS_PATH))));

		List<LineItem> found = grades.findLineItems(platform, url(LINE_ITEMS_PATH),
				LineItemQuery.forResourceLink("12"));

		assertThat(found).extracting(LineItem::label).containsExactly("Portfolio");
	}

	@Test
	void ignoresMoodlesMalformedLinkHeader() {
		lms.stubFor(get(urlPathEqualTo(LINE_ITEMS_PATH)).willReturn(moodleLineItems("""
				[{"id": "%s/7/lineitem?type_id=1", "label": "Portfolio", "scoreMaximum": 100}]"""
			.formatted(lms.baseUrl() + LINE_ITEMS_PATH))
			.withHeader("Link", "<" + url(LINE_ITEMS_PATH) + "?limit=1&amp;from=0&amp;type_id=1>; rel=“first”, <"
					+ url(LINE_ITEMS_PATH) + "?limit=1&amp;from=1&amp;type_id=1>; rel=“next”")));

		List<LineItem> found = grades.findLineItems(platform, url(LINE_ITEMS_PATH + "?type_id=1"), LineItemQuery.all());

		assertThat(found).extracting(LineItem::label).containsExactly("Portfolio");
		lms.verify(1, getRequestedFor(urlPathEqualTo(LINE_ITEMS_PATH)));
	}

	@Test
	void followsAWellFormedNextLink() {
		lms.stubFor(get(urlEqualTo(LINE_ITEMS_PATH)).willReturn(moodleLineItems("""
				[{"id": "%s/1/lineitem", "label": "First", "scoreMaximum": 1}]""".formatted(url(LINE_ITEMS_PATH)))
			.withHeader("Link", "<" + lms.baseUrl() + LINE_ITEMS_PATH + "?page=2&per_page=1>; rel=\"next\"")));
		lms.stubFor(get(urlEqualTo(LINE_ITEMS_PATH + "?page=2&per_page=1")).willReturn(moodleLineItems("""
				[{"id": "%s/2/lineitem", "label": "Second", "scoreMaximum": 1}]""".formatted(url(LINE_ITEMS_PATH)))));

		List<LineItem> found = grades.findLineItems(platform, url(LINE_ITEMS_PATH), LineItemQuery.all());

		assertThat(found).extracting(LineItem::label).containsExactly("First", "Second");
	}

	@Test
	void readsMoodlesLineItemWithEmptyFieldsAsAbsent() {
		lms.stubFor(get(urlPathEqualTo(LINE_ITEM_PATH)).withHeader("Accept", equalTo(LINE_ITEM_TYPE))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("""
					{"id": "%s?type_id=1", "label": "Portfolio", "scoreMaximum": 100, "resourceId": "", "tag": "",
					 "ltiLinkId": "12"}""".formatted(lms.baseUrl() + LINE_ITEM_PATH))));

		LineItem item = grades.readLineItem(platform, url(LINE_ITEM_PATH + "?type_id=1"));

		assertThat(item)
			.isEqualTo(new LineItem(url(LINE_ITEM_PATH + "?type_id=1"), "Portfolio", 100, null, "12", null));
	}

	private Score passingScore() {
		return Score.fullyGraded("moodle-user-5", 1, 1, "Meets the rubric", SCORED_AT);
	}

	private PlatformServiceException scoreAnswered(ResponseDefinitionBuilder answer) {
		lms.stubFor(post(urlPathEqualTo(SCORES_PATH)).willReturn(answer));
		try {
			grades.postScore(platform, url(LINE_ITEM_PATH + "?type_id=1"), passingScore());
		}
		catch (PlatformServiceException ex) {
			return ex;
		}
		throw new AssertionError("The score was accepted");
	}

	private static ResponseDefinitionBuilder moodleLineItems(String json) {
		return aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8").withBody(json);
	}

	private static URI url(String path) {
		return URI.create(lms.baseUrl() + path);
	}
}
