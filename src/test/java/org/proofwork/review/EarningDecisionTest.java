package org.proofwork.review;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.review.DecisionRecorded.Outcome;
import org.proofwork.review.ReviewFlow.Person;
import org.proofwork.review.ReviewFlow.Place;
import org.proofwork.testing.LaunchFlow.Launched;
import org.proofwork.testing.TestPlatform;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credential's own earning rule decides through the review: Earned, or Not yet with the feedback going back to
 * the educator, who can revise and submit again.
 */
@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class EarningDecisionTest {

	private static final TestPlatform platform = new TestPlatform(java.time.Clock.systemUTC());

	private static final String COURSE = "course-earning";

	private static final List<String> ARTIFACTS = List.of("needs-assessment", "community-asset-map", "action-plan",
			"photo-essay");

	private static final Person INSTRUCTOR = new Person("earning-instructor", "Ida Instructor", "ida@school.example");

	@Autowired
	MockMvc mvc;

	@Autowired
	PlatformRegistry registry;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	ReviewFlow flow;

	@BeforeEach
	void register() {
		registry.register(platform.details(), Platform.Source.ADMIN);
		flow = new ReviewFlow(mvc, platform, jdbc);
	}

	@Test
	void communityPartnershipsIsEarnedWithAPassOnParts1And3AndProficientOnEveryArtifact() throws Exception {
		Person educator = educator("earning-cp-1");
		Place place = new Place(COURSE, "link-cp-1", ReviewFlow.COMMUNITY);
		String workspaceId = flow.submit(educator, place, "part-1", "why-this-micro-credential", "For my families");
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place);
		flow.get(instructor, "/review/" + workspaceId);
		assertThat(flow.status(workspaceId)).isEqualTo("UNDER_REVIEW");

		MockHttpServletResponse decided = flow.scores().level("part-1", "pass").level("part-3", "pass")
			.all(ARTIFACTS, "proficient")
			.overall("A thorough partnership.")
			.post(instructor, workspaceId, 1, 0, "decide");

		assertThat(decided.getRedirectedUrl()).endsWith("/review/" + workspaceId + "#rubric");
		assertThat(flow.status(workspaceId)).isEqualTo("EARNED");
		assertThat(events.stream(DecisionRecorded.class)).singleElement().satisfies(event -> {
			assertThat(event.outcome()).isEqualTo(Outcome.EARNED);
			assertThat(event.workspaceId()).isEqualTo(workspaceId);
			assertThat(event.version()).isEqualTo(1);
			assertThat(event.memberSubjects()).containsExactly(educator.subject());
			assertThat(event.rubricLevels()).containsEntry("part-1", "pass").containsEntry("photo-essay", "proficient")
				.hasSize(6);
			assertThat(event.overallFeedback()).isEqualTo("A thorough partnership.");
			assertThat(event.contextId()).isEqualTo(COURSE);
			assertThat(event.resourceLinkId()).isEqualTo("link-cp-1");
			assertThat(event.credentialId()).isEqualTo(ReviewFlow.COMMUNITY);
			assertThat(event.gradeTarget().lineItem()).isNotNull();
			assertThat(event.decisionId()).isNotBlank();
		});
		assertThat(flow.get(instructor, "/review/" + workspaceId).getContentAsString()).contains("Decision: Earned")
			.doesNotContain("Submit my scores").doesNotContain("name=\"action\" value=\"decide\"");
	}

	@Test
	void oneBasicArtifactIsNotYetAndTheEducatorGetsTheFeedbackAndCanSubmitANewVersion() throws Exception {
		Person educator = educator("earning-cp-2");
		Place place = new Place(COURSE, "link-cp-2", ReviewFlow.COMMUNITY);
		Launched me = flow.launch("Learner", educator, place);
		String workspaceId = flow.submit(me, educator, "part-1", "why-this-micro-credential", "First try");
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place);

		flow.scores().level("part-1", "pass").level("part-3", "pass").all(ARTIFACTS, "proficient")
			.level("action-plan", "basic")
			.comment("action-plan", "Add the weeks of your timeline.")
			.overall("Nearly there.")
			.post(instructor, workspaceId, 1, 0, "decide");

		assertThat(flow.status(workspaceId)).isEqualTo("NOT_YET");
		assertThat(events.stream(DecisionRecorded.class)).singleElement()
			.satisfies(event -> assertThat(event.outcome()).isEqualTo(Outcome.NOT_YET));
		String feedback = flow.get(me, "/feedback").getContentAsString();
		assertThat(feedback).contains("Decision: Not yet").contains("Basic").contains("Add the weeks of your timeline.")
			.contains("Nearly there.")
			.doesNotContain("Ida Instructor").doesNotContain(INSTRUCTOR.subject());

		String resubmitted = flow.submit(me, educator, "part-1", "why-this-micro-credential", "Second try");

		assertThat(resubmitted).isEqualTo(workspaceId);
		assertThat(flow.status(workspaceId)).isEqualTo("SUBMITTED");
		String review = flow.get(instructor, "/review/" + workspaceId).getContentAsString();
		assertThat(review).contains("Second try").contains("Version 1").contains("Version 2");
		assertThat(flow.get(instructor, "/review/" + workspaceId + "?version=1").getContentAsString())
			.contains("First try").contains("Add the weeks of your timeline.")
			.contains("You are reading an older version");
	}

	@Test
	void planningWithPurposeIsEarnedWithYesOnParts1To3() throws Exception {
		Person educator = educator("earning-pwp-1");
		Place place = new Place(COURSE, "link-pwp-1", ReviewFlow.PLANNING);
		String workspaceId = flow.submit(educator, place, "part-1", "team-members", "Our district team");
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place);

		flow.scores().all(List.of("part-1", "part-2", "part-3"), "yes")
			.post(instructor, workspaceId, 1, 0, "decide");

		assertThat(flow.status(workspaceId)).isEqualTo("EARNED");
		assertThat(events.stream(DecisionRecorded.class)).singleElement().satisfies(event -> {
			assertThat(event.outcome()).isEqualTo(Outcome.EARNED);
			assertThat(event.rubricLevels()).isEqualTo(Map.of("part-1", "yes", "part-2", "yes", "part-3", "yes"));
		});
	}

	@Test
	void planningWithPurposeIsNotYetWithANoOnAnyPart() throws Exception {
		Person educator = educator("earning-pwp-2");
		Place place = new Place(COURSE, "link-pwp-2", ReviewFlow.PLANNING);
		String workspaceId = flow.submit(educator, place, "part-1", "team-members", "Our district team");
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place);

		flow.scores().level("part-1", "yes").level("part-2", "no").level("part-3", "yes")
			.post(instructor, workspaceId, 1, 0, "decide");

		assertThat(flow.status(workspaceId)).isEqualTo("NOT_YET");
		assertThat(events.stream(DecisionRecorded.class)).singleElement()
			.satisfies(event -> assertThat(event.outcome()).isEqualTo(Outcome.NOT_YET));
	}

	@Test
	void decidingWithAComponentUnscoredSavesTheScoresButDecidesNothing() throws Exception {
		Person educator = educator("earning-cp-3");
		Place place = new Place(COURSE, "link-cp-3", ReviewFlow.COMMUNITY);
		String workspaceId = flow.submit(educator, place, "part-1", "why-this-micro-credential", "Half scored");
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place);
		flow.get(instructor, "/review/" + workspaceId);

		MockHttpServletResponse response = flow.scores().level("part-1", "pass").comment("part-3", "Keep going")
			.post(instructor, workspaceId, 1, 0, "decide");

		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(events.stream(DecisionRecorded.class)).isEmpty();
		assertThat(flow.status(workspaceId)).isEqualTo("UNDER_REVIEW");
		// The redirect's flash message, read back from the session as the browser's next request would.
		String page = flow.get(instructor, "/review/" + workspaceId).getContentAsString();
		assertThat(page).contains("Saved, but not final: choose a level for").contains("Part 3 Reflection.")
			.contains("Keep going").containsPattern("name=\"level.part-1\" value=\"pass\"[^>]*checked");
	}

	@Test
	void anEducatorsSubmissionReviewLaunchShowsTheirFeedback() throws Exception {
		Person educator = educator("earning-cp-4");
		Place place = new Place(COURSE, "link-cp-4", ReviewFlow.COMMUNITY);
		flow.submit(educator, place, "part-1", "why-this-micro-credential", "Mine");

		Launched review = flow.submissionReview("Learner", educator, place, educator.subject());

		assertThat(flow.landing(review)).isEqualTo(review.page() + "/feedback");
		assertThat(flow.get(review, "/feedback").getContentAsString()).contains("Waiting for review.");
	}

	private static Person educator(String subject) {
		return new Person(subject, "Educator " + subject, subject + "@school.example");
	}
}
