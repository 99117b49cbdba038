package org.proofwork.gradebook;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.proofwork.lti.Platform;
import org.proofwork.review.DecisionRecorded;
import org.proofwork.submission.GradeTarget;
import org.proofwork.submission.SubmissionSubmitted;
import org.proofwork.testing.LaunchFlow;
import org.proofwork.testing.TestPlatform;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The instructor's gradebook page, reached through a real launch: what each learner's grade did, in the launch's own
 * course only, and a way to send a refused grade again.
 */
class GradebookPageTest extends GradebookTestSupport {

	static final TestPlatform moodle = new TestPlatform(Clock.systemUTC());

	static final String LINE_ITEM_PATH = "/platform/lineitems/9/lineitem";

	@Autowired
	MockMvc mvc;

	Platform registered;

	String course;

	LaunchFlow flow;

	@BeforeEach
	void moodleCourse() {
		registered = registry.register(moodle.details(), Platform.Source.ADMIN);
		course = "course-" + UUID.randomUUID().toString().substring(0, 8);
		flow = new LaunchFlow(mvc, moodle, "http://localhost:8080/lti/launch");
		moodle.server.stubFor(post("/platform/token").willReturn(aResponse().withHeader("Content-Type", "text/html")
			.withBody("{\"access_token\":\"moodle-token\",\"expires_in\":3600}")));
		moodle.server.stubFor(get(urlPathEqualTo(LINE_ITEM_PATH)).willReturn(aResponse().withBody(
				"{\"id\":\"" + moodle.url(LINE_ITEM_PATH) + "?type_id=1\",\"label\":\"Community Partnerships\","
						+ "\"scoreMaximum\":1}")));
		moodle.server.stubFor(get(urlPathEqualTo("/platform/memberships")).willReturn(aResponse().withBody("""
				{"id": "memberships", "members": [
				  {"user_id": "learner-ada", "name": "Ada Lovelace", "roles": ["Learner"]},
				  {"user_id": "learner-grace", "name": "Grace Hopper", "roles": ["Learner"]}]}""")));
	}

	@AfterAll
	static void stopPlatform() {
		moodle.close();
	}

	@Test
	void showsEachLearnersDecisionDeliveryAndProblem() throws Exception {
		acceptScoresOf("learner-ada");
		refuseScoresOf("learner-grace", 409);
		Placement link = placement(course, "link-" + course);
		publish(link.decision("ws-ada", DecisionRecorded.Outcome.EARNED, "Excellent", "learner-ada"));
		publish(link.decision("ws-grace", DecisionRecorded.Outcome.NOT_YET, "Part 2 is missing", "learner-grace"));
		awaitState(link, "learner-ada", DeliveryState.DELIVERED);
		awaitState(link, "learner-grace", DeliveryState.FAILED);

		String page = page(instructor());

		assertThat(page).contains("Ada Lovelace", "Grace Hopper", "Earned", "Not yet", "1 of 1 (Earned)",
				"0 of 1 (Not yet)", "Delivered", "Refused by the LMS", "A newer grade is already in the LMS gradebook",
				"send it again from here", "Send again", "<caption");
		// Only the refused grade offers to be sent again.
		assertThat(page.split("send-again\"", -1)).hasSize(2);
	}

	@Test
	void aSubmittedGradeOnMoodleSaysTheCellStaysEmptyUntilTheDecision() throws Exception {
		acceptScoresOf("learner-ada");
		Placement link = placement(course, "link-" + course);
		publish(new SubmissionSubmitted("ws-ada-2", 1, link.registrationId(), link.deploymentId(), link.contextId(),
				link.resourceLinkId(), "community-partnerships-for-learning-and-family-well-being",
				List.of("learner-ada"), link.target(), Instant.now()));
		awaitState(link, "learner-ada", DeliveryState.DELIVERED);

		assertThat(page(instructor())).contains("Submitted, awaiting review", "Awaiting a decision",
				"Moodle shows an empty grade until the decision is sent");
	}

	@Test
	void showsOnlyTheLaunchsOwnCourse() throws Exception {
		acceptScoresOf("learner-ada");
		Placement elsewhere = placement("another-course-" + UUID.randomUUID(), "link-elsewhere");
		publish(elsewhere.decision("ws-elsewhere", DecisionRecorded.Outcome.EARNED, "ok", "learner-ada"));
		awaitState(elsewhere, "learner-ada", DeliveryState.DELIVERED);

		String page = page(instructor());

		assertThat(page).doesNotContain("Ada Lovelace").contains("Nobody has submitted yet");
	}

	@Test
	void learnersCannotSeeIt() throws Exception {
		LaunchFlow.Launched learner = flow.launch("Learner", claims -> claims.claim(
				"https://purl.imsglobal.org/spec/lti/claim/context", Map.of("id", course, "title", "Course")));

		mvc.perform(learner.get("/gradebook")).andExpect(status().isForbidden());
	}

	@Test
	void sendingARefusedGradeAgainGivesItANewTimestamp() throws Exception {
		refuseScoresOf("learner-grace", 409);
		Placement link = placement(course, "link-" + course);
		publish(link.decision("ws-grace-2", DecisionRecorded.Outcome.EARNED, "ok", "learner-grace"));
		ScoreDelivery failed = awaitState(link, "learner-grace", DeliveryState.FAILED);
		acceptScoresOf("learner-grace");
		LaunchFlow.Launched instructor = instructor();

		mvc.perform(instructor.post("/gradebook/deliveries/" + failed.id() + "/send-again").with(csrf()))
			.andExpect(redirectedUrl(instructor.page() + "/gradebook"));

		ScoreDelivery delivered = awaitState(link, "learner-grace", DeliveryState.DELIVERED);
		assertThat(delivered.sentTimestamp()).isAfterOrEqualTo(failed.sentTimestamp().plusSeconds(1));
	}

	@Test
	void aDeliveryOfAnotherCourseCannotBeSentAgainFromThisOne() throws Exception {
		refuseScoresOf("learner-grace", 409);
		Placement elsewhere = placement("another-course-" + UUID.randomUUID(), "link-elsewhere-2");
		publish(elsewhere.decision("ws-other", DecisionRecorded.Outcome.EARNED, "ok", "learner-grace"));
		ScoreDelivery failed = awaitState(elsewhere, "learner-grace", DeliveryState.FAILED);

		mvc.perform(instructor().post("/gradebook/deliveries/" + failed.id() + "/send-again").with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(deliveries.find(failed.id()).orElseThrow().state()).isEqualTo(DeliveryState.FAILED);
	}

	private LaunchFlow.Launched instructor() throws Exception {
		return flow.launch("Instructor", claims -> claims.claim("https://purl.imsglobal.org/spec/lti/claim/context",
				Map.of("id", course, "title", "Family Engagement 101")));
	}

	private String page(LaunchFlow.Launched launched) throws Exception {
		return mvc.perform(launched.get("/gradebook"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private Placement placement(String contextId, String resourceLinkId) {
		GradeTarget target = new GradeTarget("moodle", URI.create(moodle.url("/platform/lineitems?type_id=1")),
				URI.create(moodle.url(LINE_ITEM_PATH + "?type_id=1")), Set.of(
						"https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
						"https://purl.imsglobal.org/spec/lti-ags/scope/score"),
				"Community Partnerships");
		return new Placement(registered.id(), TestPlatform.DEPLOYMENT_ID, contextId, resourceLinkId, LINE_ITEM_PATH,
				target);
	}

	private void acceptScoresOf(String user) {
		moodle.server.stubFor(post(urlPathEqualTo(LINE_ITEM_PATH + "/scores"))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"" + user + "\""))
			.willReturn(aResponse().withStatus(200)));
	}

	private void refuseScoresOf(String user, int status) {
		moodle.server.stubFor(post(urlPathEqualTo(LINE_ITEM_PATH + "/scores"))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"" + user + "\""))
			.willReturn(aResponse().withStatus(status).withBody("Refusing an older grade")));
	}
}
