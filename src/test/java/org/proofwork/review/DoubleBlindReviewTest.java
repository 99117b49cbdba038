package org.proofwork.review;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Double-blind review: the instructor chooses two assessors from the roster; each scores without seeing the other's
 * scores; when they agree the decision is made, when they disagree the instructor reconciles.
 * Tagged {@code persistence}: CI runs it again on MariaDB, whose row locks and unique keys it relies on.
 */
@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
@Tag("persistence")
class DoubleBlindReviewTest {

	private static final TestPlatform platform = new TestPlatform(java.time.Clock.systemUTC());

	private static final String COURSE = "course-double-blind";

	private static final List<String> ARTIFACTS = List.of("needs-assessment", "community-asset-map", "action-plan",
			"photo-essay");

	private static final Person INSTRUCTOR = new Person("db-instructor", "Ida Instructor", "ida@school.example");

	private static final Person ALICE = new Person("db-assessor-1", "Alice Assessor", "alice@school.example");

	private static final Person BOB = new Person("db-assessor-2", "Bob Assessor", "bob@school.example");

	private static final Person OUTSIDER = new Person("db-outsider", "Olga Outsider", "olga@school.example");

	private static final String MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

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
	void registerTheRosterAndChooseTheAssessors() throws Exception {
		registry.register(platform.details(), Platform.Source.ADMIN);
		flow = new ReviewFlow(mvc, platform, jdbc);
		platform.server.stubFor(post(urlPathEqualTo("/platform/token")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"roster-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		platform.server.stubFor(get(urlPathEqualTo("/platform/memberships")).willReturn(aResponse()
			.withHeader("Content-Type", "application/vnd.ims.lti-nrps.v2.membershipcontainer+json")
			.withBody("""
					{"id": "roster", "context": {"id": "%s"}, "members": [
					  {"user_id": "db-instructor", "name": "Ida Instructor", "roles": ["%sInstructor"]},
					  {"user_id": "db-assessor-1", "name": "Alice Assessor", "roles": ["%sTeachingAssistant"]},
					  {"user_id": "db-assessor-2", "name": "Bob Assessor", "roles": ["%sInstructor"]},
					  {"user_id": "db-learner", "name": "Lena Learner", "roles": ["%sLearner"]}
					]}""".formatted(COURSE, MEMBERSHIP, MEMBERSHIP, MEMBERSHIP, MEMBERSHIP))));
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place("link-db-settings"));
		MockHttpServletResponse saved = mvc.perform(instructor.post("/review/settings")
			.param("doubleBlind", "true")
			.param("first", ALICE.subject())
			.param("second", BOB.subject())
			.with(csrf())).andReturn().getResponse();
		ReviewFlow.expectStatus(302, saved);
	}

	@Test
	void theSettingsOfferTheRostersAssessorsAndOnlyTheInstructorChangesThem() throws Exception {
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place("link-db-0"));
		Launched alice = flow.launch("TeachingAssistant", ALICE, place("link-db-0"));

		String settings = flow.get(instructor, "/review/settings").getContentAsString();
		MockHttpServletResponse same = mvc.perform(instructor.post("/review/settings").param("doubleBlind", "true")
			.param("first", ALICE.subject()).param("second", ALICE.subject()).with(csrf())).andReturn().getResponse();
		MockHttpServletResponse byAssistant = mvc.perform(alice.post("/review/settings").param("doubleBlind", "false")
			.with(csrf())).andReturn().getResponse();

		assertThat(settings).contains("Alice Assessor").contains("Bob Assessor").contains("Ida Instructor")
			.doesNotContain("Lena Learner")
			.contains("Now: double-blind, by Alice Assessor and Bob Assessor.");
		assertThat(same.getContentAsString()).contains("Choose two different assessors.");
		assertThat(byAssistant.getStatus()).isEqualTo(403);
		assertThat(flow.get(alice, "/review/settings").getContentAsString())
			.contains("Only the course&#39;s instructor can change these settings.");
	}

	@Test
	void whenBothAssessorsAgreeTheDecisionIsMadeAndNeitherSawTheOthersScoresBefore() throws Exception {
		Place place = place("link-db-1");
		Person educator = educator("db-educator-1");
		String workspaceId = flow.submit(educator, place, "part-1", "why-this-micro-credential", "Agreed work");
		Launched alice = flow.launch("TeachingAssistant", ALICE, place);
		Launched bob = flow.launch("Instructor", BOB, place);

		MockHttpServletResponse first = earnedScores("Alice finds the goals clear.").post(alice, workspaceId, 1, 0,
				"submit");

		assertThat(first.getStatus()).isEqualTo(302);
		assertThat(events.stream(DecisionRecorded.class)).isEmpty();
		String bobsPage = flow.get(bob, "/review/" + workspaceId).getContentAsString();
		assertThat(bobsPage).contains("1 of 2 assessors’ scores are in.")
			.doesNotContain("Alice finds the goals clear.");
		assertThat(flow.get(alice, "/review/" + workspaceId).getContentAsString())
			.contains("Your scores for this version are final.").doesNotContain("name=\"action\" value=\"submit\"");

		earnedScores("Bob agrees the goals are clear.").post(bob, workspaceId, 1, 0, "submit");

		assertThat(events.stream(DecisionRecorded.class)).singleElement().satisfies(event -> {
			assertThat(event.outcome()).isEqualTo(Outcome.EARNED);
			assertThat(event.memberSubjects()).containsExactly(educator.subject());
		});
		assertThat(method(workspaceId)).isEqualTo("AGREED");
		assertThat(flow.get(bob, "/review/" + workspaceId).getContentAsString()).contains("Both assessors agreed.")
			.contains("Alice finds the goals clear.");
		String feedback = flow.get(flow.launch("Learner", educator, place), "/feedback").getContentAsString();
		assertThat(feedback).contains("Alice finds the goals clear.").contains("Bob agrees the goals are clear.")
			.doesNotContain("Alice Assessor").doesNotContain("Bob Assessor");
	}

	@Test
	void aDisagreementGoesToTheInstructorWhoReconcilesAndDecides() throws Exception {
		Place place = place("link-db-2");
		String workspaceId = flow.submit(educator("db-educator-2"), place, "part-1", "why-this-micro-credential",
				"Disputed work");
		Launched alice = flow.launch("TeachingAssistant", ALICE, place);
		Launched bob = flow.launch("Instructor", BOB, place);
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place);

		earnedScores("Alice: the photos tell the story.").post(alice, workspaceId, 1, 0, "submit");
		earnedScores("Bob: too few photos.").level("photo-essay", "basic").post(bob, workspaceId, 1, 0, "submit");

		assertThat(events.stream(DecisionRecorded.class)).isEmpty();
		assertThat(flow.get(instructor, "/review").getContentAsString())
			.contains("The assessors disagree: the instructor reconciles");
		String page = flow.get(instructor, "/review/" + workspaceId).getContentAsString();
		assertThat(flow.status(workspaceId)).isEqualTo("UNDER_REVIEW");
		assertThat(page).contains("The assessors disagree on: Artifact 4: Photo Essay")
			.contains("Alice: the photos tell the story.").contains("Bob: too few photos.")
			.contains("/reconcile")
			.containsPattern("id=\"reconcile-level-part-3-pass\"[^>]*checked")
			.doesNotContainPattern("id=\"reconcile-level-photo-essay-\\w+\"[^>]*checked");
		MockHttpServletResponse byAssistant = earnedScores("mine").reconcile(alice, workspaceId, 1);
		assertThat(byAssistant.getStatus()).isEqualTo(403);

		MockHttpServletResponse reconciled = earnedScores("Reconciled: the photos are enough.")
			.level("photo-essay", "basic")
			.overall("Add more photos of the event.")
			.reconcile(instructor, workspaceId, 1);

		assertThat(reconciled.getStatus()).isEqualTo(302);
		assertThat(events.stream(DecisionRecorded.class)).singleElement().satisfies(event -> {
			assertThat(event.outcome()).isEqualTo(Outcome.NOT_YET);
			assertThat(event.rubricLevels()).containsEntry("photo-essay", "basic");
			assertThat(event.overallFeedback()).isEqualTo("Add more photos of the event.");
		});
		assertThat(method(workspaceId)).isEqualTo("RECONCILED");
		assertThat(flow.status(workspaceId)).isEqualTo("NOT_YET");
	}

	@Test
	void anAssessorOffThePanelReadsButCannotScore() throws Exception {
		Place place = place("link-db-3");
		String workspaceId = flow.submit(educator("db-educator-3"), place, "part-1", "why-this-micro-credential",
				"Some work");
		Launched outsider = flow.launch("TeachingAssistant", OUTSIDER, place);

		String page = flow.get(outsider, "/review/" + workspaceId).getContentAsString();
		MockHttpServletResponse refused = earnedScores("outsider").post(outsider, workspaceId, 1, 0, "save");
		MockHttpServletResponse decideInDoubleBlind = earnedScores("alice decides alone").post(
				flow.launch("TeachingAssistant", ALICE, place), workspaceId, 1, 0, "decide");

		assertThat(page).contains("Some work").doesNotContain("name=\"action\" value=\"save\"");
		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(decideInDoubleBlind.getStatus()).isEqualTo(409);
		assertThat(flow.status(workspaceId)).isEqualTo("SUBMITTED");
	}

	private ReviewFlow.Scores earnedScores(String comment) {
		return flow.scores().level("part-1", "pass").level("part-3", "pass").all(ARTIFACTS, "proficient")
			.comment("part-1", comment);
	}

	private String method(String workspaceId) {
		return jdbc.sql("SELECT method FROM review_decision WHERE workspace_id = :w").param("w", workspaceId)
			.query(String.class)
			.single();
	}

	private static Place place(String link) {
		return new Place(COURSE, link, ReviewFlow.COMMUNITY);
	}

	private static Person educator(String subject) {
		return new Person(subject, "Educator " + subject, subject + "@school.example");
	}
}
