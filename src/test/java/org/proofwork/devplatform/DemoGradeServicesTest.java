package org.proofwork.devplatform;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assignment and Grade Services of the demo LMS, with Moodle's rules for scores.
 */
class DemoGradeServicesTest extends DemoLmsHttpTest {

	private String token;

	private String lineItem;

	private String label;

	@BeforeEach
	void registerAndCreateALineItem() throws Exception {
		register();
		token = accessToken(LtiVocabulary.SCOPE_LINEITEM, LtiVocabulary.SCOPE_SCORE,
				LtiVocabulary.SCOPE_RESULT_READONLY);
		label = "Evidence " + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = postJson(LINE_ITEMS, LtiVocabulary.LINE_ITEM_MEDIA_TYPE,
				Map.of("label", label, "scoreMaximum", 10, "tag", "proofwork"), "Authorization", "Bearer " + token);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		lineItem = (String) jsonOf(created).get("id");
	}

	@Test
	void listsAndFiltersLineItems() throws Exception {
		HttpResponse<String> response = get(LINE_ITEMS + "&tag=proofwork", "Authorization", "Bearer " + token,
				"Accept", LtiVocabulary.LINE_ITEM_CONTAINER_MEDIA_TYPE);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith(LtiVocabulary.LINE_ITEM_CONTAINER_MEDIA_TYPE));
		List<Object> items = json.readValue(response.body(), List.class);
		assertThat(items).anySatisfy(item -> assertThat(asMap(item)).containsEntry("id", lineItem)
			.containsEntry("label", label));
		assertThat(json.readValue(get(LINE_ITEMS + "&tag=other", "Authorization", "Bearer " + token).body(),
				List.class)).isEmpty();
	}

	@Test
	void refusesAScoreWithoutTheScoreMediaType() throws Exception {
		HttpResponse<String> response = postJson(scores(), "application/json",
				score(LEE, 8.0, 10.0, "FullyGraded", Instant.now()), "Authorization", "Bearer " + token);

		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void refusesAScoreNotLaterThanTheStoredOneToTheSecond() throws Exception {
		Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		assertThat(postScore(score(MARIA, 5.0, 10.0, "FullyGraded", first)).statusCode()).isEqualTo(204);

		assertThat(postScore(score(MARIA, 6.0, 10.0, "FullyGraded", first)).statusCode()).isEqualTo(409);
		assertThat(postScore(score(MARIA, 6.0, 10.0, "FullyGraded", first.plusMillis(500))).statusCode())
			.isEqualTo(409);
		assertThat(postScore(score(MARIA, 6.0, 10.0, "FullyGraded", first.plusSeconds(1))).statusCode())
			.isEqualTo(204);
	}

	@Test
	void keepsAFullyGradedScoreAndShowsItInTheGradebook() throws Exception {
		Map<String, Object> score = score(LEE, 4.0, 5.0, "FullyGraded", Instant.now());
		score.put("comment", "Strong community asset map");

		assertThat(postScore(score).statusCode()).isEqualTo(204);

		String gradebook = get(LMS + "/gradebook?as=" + INSTRUCTOR).body();
		assertThat(gradebook).contains(label).contains("8 / 10").contains("Posted as 4 / 5")
			.contains("Grading: FullyGraded; activity: Completed")
			.contains("Feedback: Strong community asset map");
		HttpResponse<String> results = get(lineItem.replace("/lineitem?", "/lineitem/results?"), "Authorization",
				"Bearer " + token);
		assertThat(json.readValue(results.body(), List.class)).singleElement()
			.satisfies(result -> assertThat(asMap(result)).containsEntry("userId", LEE)
				.containsEntry("resultScore", 8.0)
				.containsEntry("resultMaximum", 10.0));
	}

	@Test
	void clearsTheGradeForAScoreThatIsNotFullyGraded() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		postScore(score(LEE, 4.3, 5.0, "FullyGraded", now.minusSeconds(10)));
		assertThat(get(LMS + "/gradebook?as=" + INSTRUCTOR).body()).contains("8.6 / 10");

		assertThat(postScore(score(LEE, 4.3, 5.0, "PendingManual", now)).statusCode()).isEqualTo(204);

		String gradebook = get(LMS + "/gradebook?as=" + INSTRUCTOR).body();
		assertThat(gradebook).contains("Grading: PendingManual").doesNotContain("8.6 / 10");
	}

	@Test
	void refusesAScoreForSomeoneWhoIsNotALearner() throws Exception {
		assertThat(postScore(score(INSTRUCTOR, 4.0, 5.0, "FullyGraded", Instant.now())).statusCode()).isEqualTo(400);
	}

	@Test
	void refusesAScoreGivenWithoutScoreMaximum() throws Exception {
		Map<String, Object> score = score(LEE, 4.0, null, "FullyGraded", Instant.now());

		assertThat(postScore(score).statusCode()).isEqualTo(400);
	}

	@Test
	void checksTheBearerTokenAndItsScope() throws Exception {
		String readOnly = accessToken(LtiVocabulary.SCOPE_LINEITEM_READONLY);
		Map<String, Object> score = score(LEE, 4.0, 5.0, "FullyGraded", Instant.now());

		assertThat(postJson(scores(), LtiVocabulary.SCORE_MEDIA_TYPE, score).statusCode()).isEqualTo(401);
		assertThat(postJson(scores(), LtiVocabulary.SCORE_MEDIA_TYPE, score, "Authorization", "Bearer nonsense")
			.statusCode()).isEqualTo(401);
		assertThat(postJson(scores(), LtiVocabulary.SCORE_MEDIA_TYPE, score, "Authorization", "Bearer " + readOnly)
			.statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> postScore(Map<String, Object> score) throws Exception {
		return postJson(scores(), LtiVocabulary.SCORE_MEDIA_TYPE, score, "Authorization", "Bearer " + token);
	}

	/** Moodle's line item URL has a query: {@code /scores} goes before it. */
	private String scores() {
		return lineItem.replace("/lineitem?", "/lineitem/scores?");
	}

	private static Map<String, Object> score(String userId, Double given, Double maximum, String gradingProgress,
			Instant timestamp) {
		Map<String, Object> score = new LinkedHashMap<>();
		score.put("userId", userId);
		if (given != null) {
			score.put("scoreGiven", given);
		}
		if (maximum != null) {
			score.put("scoreMaximum", maximum);
		}
		score.put("activityProgress", "Completed");
		score.put("gradingProgress", gradingProgress);
		score.put("timestamp", timestamp.toString());
		return score;
	}
}
