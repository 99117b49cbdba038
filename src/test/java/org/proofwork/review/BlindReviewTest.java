package org.proofwork.review;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.review.ReviewFlow.Person;
import org.proofwork.review.ReviewFlow.Place;
import org.proofwork.testing.LaunchFlow.Launched;
import org.proofwork.testing.TestPlatform;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Assessors review blind: no page of theirs names the educator, until the course's instructor reveals who it is on
 * purpose, and that is logged.
 */
@SpringBootTest
@AutoConfigureMockMvc
class BlindReviewTest {

	private static final TestPlatform platform = new TestPlatform(java.time.Clock.systemUTC());

	private static final Place PLACE = new Place("course-blind", "link-blind", ReviewFlow.COMMUNITY);

	private static final Person EDUCATOR = new Person("blind-educator", "Harriet Quimby",
			"harriet.quimby@school.example");

	private static final Person INSTRUCTOR = new Person("blind-instructor", "Ida Instructor", "ida@school.example");

	private static final Person ASSISTANT = new Person("blind-assistant", "Tom Assistant", "tom@school.example");

	@Autowired
	MockMvc mvc;

	@Autowired
	PlatformRegistry registry;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	BlindCodes codes;

	ReviewFlow flow;

	@BeforeEach
	void register() {
		registry.register(platform.details(), Platform.Source.ADMIN);
		flow = new ReviewFlow(mvc, platform, jdbc);
	}

	@Test
	void queueAndReviewShowABlindCodeAndNeverTheEducatorsNameUntilTheInstructorRevealsItAndTheRevealIsLogged()
			throws Exception {
		String workspaceId = submitted();
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, PLACE);
		String code = codes.of(workspaceId);

		String queue = flow.get(instructor, "/review").getContentAsString();
		String review = flow.get(instructor, "/review/" + workspaceId).getContentAsString();

		assertThat(code).matches("E-[0-9A-HJKMNP-TV-Z]{6}");
		assertThat(queue).contains(code);
		assertThat(review).contains(code).contains("Because my families need it");
		for (String page : new String[] { queue, review }) {
			assertThat(page).doesNotContain("Harriet").doesNotContain("Quimby")
				.doesNotContain("harriet.quimby@school.example").doesNotContain(EDUCATOR.subject());
		}
		assertThat(reveals(workspaceId)).isZero();

		MockHttpServletResponse revealed = mvc.perform(instructor.post("/review/" + workspaceId + "/reveal")
			.with(csrf())).andReturn().getResponse();

		assertThat(revealed.getStatus()).isEqualTo(200);
		assertThat(revealed.getContentAsString()).contains("Harriet Quimby").contains(code);
		assertThat(jdbc.sql("""
				SELECT revealed_by FROM review_identity_reveal WHERE workspace_id = :workspace AND context_id = :course
				""").param("workspace", workspaceId).param("course", PLACE.course()).query(String.class).list())
			.containsExactly(INSTRUCTOR.subject());
		assertThat(flow.get(instructor, "/review").getContentAsString()).doesNotContain("Harriet");
	}

	@Test
	void aTeachingAssistantCannotRevealIdentities() throws Exception {
		String workspaceId = flow.submit(new Person("blind-educator-2", "Bessie Coleman", "bessie@school.example"),
				new Place(PLACE.course(), "link-blind-2", ReviewFlow.COMMUNITY), "part-1", "why-this-micro-credential",
				"Families first");
		Launched assistant = flow.launch("TeachingAssistant", ASSISTANT,
				new Place(PLACE.course(), "link-blind-2", ReviewFlow.COMMUNITY));

		assertThat(flow.get(assistant, "/review/" + workspaceId).getContentAsString()).doesNotContain("Reveal who");
		MockHttpServletResponse refused = mvc.perform(assistant.post("/review/" + workspaceId + "/reveal")
			.with(csrf())).andReturn().getResponse();

		assertThat(refused.getStatus()).isEqualTo(403);
		assertThat(refused.getContentAsString()).doesNotContain("Bessie");
		assertThat(reveals(workspaceId)).isZero();
	}

	@Test
	void anEducatorCannotOpenTheReview() throws Exception {
		Person educator = new Person("blind-educator-3", "Amelia Earhart", "amelia@school.example");
		Place place = new Place(PLACE.course(), "link-blind-3", ReviewFlow.COMMUNITY);
		Launched me = flow.launch("Learner", educator, place);
		String workspaceId = flow.submit(me, educator, "part-1", "why-this-micro-credential", "Mine");

		assertThat(flow.get(me, "/review").getStatus()).isEqualTo(403);
		assertThat(flow.get(me, "/review/" + workspaceId).getStatus()).isEqualTo(403);
		assertThat(flow.get(me, "/review/" + workspaceId + "/files/anything").getStatus()).isEqualTo(403);
	}

	private String submitted() throws Exception {
		return flow.submit(EDUCATOR, PLACE, "part-1", "why-this-micro-credential", "Because my families need it");
	}

	private long reveals(String workspaceId) {
		return jdbc.sql("SELECT COUNT(*) FROM review_identity_reveal WHERE workspace_id = :workspace")
			.param("workspace", workspaceId)
			.query(Long.class)
			.single();
	}
}
