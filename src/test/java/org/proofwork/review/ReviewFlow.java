package org.proofwork.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.proofwork.testing.LaunchFlow;
import org.proofwork.testing.LaunchFlow.Launched;
import org.proofwork.testing.TestPlatform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Educators and assessors of a test course, each through a real launch: an educator submits through the workspace
 * pages, an assessor scores through the review pages.
 */
final class ReviewFlow {

	static final String COMMUNITY = "community-partnerships-for-learning-and-family-well-being";

	static final String PLANNING = "planning-with-purpose-in-community-partnerships";

	static final String TARGET = "http://localhost:8080/lti/launch";

	private static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";

	private final MockMvc mvc;

	private final TestPlatform platform;

	private final JdbcClient jdbc;

	ReviewFlow(MockMvc mvc, TestPlatform platform, JdbcClient jdbc) {
		this.mvc = mvc;
		this.platform = platform;
		this.jdbc = jdbc;
	}

	/** Somebody in a course: their LTI {@code sub}, name and email as the launch claims send them. */
	record Person(String subject, String name, String email) {
	}

	/** Where a launch comes from: the course, the link, the credential placed on it. */
	record Place(String course, String link, String credential) {
	}

	Launched launch(String role, Person person, Place place) throws Exception {
		return launch(TARGET, role, person, place);
	}

	Launched launch(String target, String role, Person person, Place place) throws Exception {
		String[] names = person.name().split(" ", 2);
		return new LaunchFlow(mvc, platform, target).launch(role, claims -> claims.subject(person.subject())
			.claim("name", person.name())
			.claim("given_name", names[0])
			.claim("family_name", names.length > 1 ? names[1] : "")
			.claim("email", person.email())
			.claim(LTI + "context", Map.of("id", place.course(), "title", "Course " + place.course(), "label",
					place.course(), "type", List.of("CourseSection")))
			.claim(LTI + "resource_link", Map.of("id", place.link(), "title", "Credential link"))
			.claim(LTI + "custom", Map.of("credential", place.credential())));
	}

	/** A gradebook's Submission Review launch of an assessor, about one learner's work on the link. */
	Launched submissionReview(String role, Person assessor, Place place, String forUser) throws Exception {
		return new LaunchFlow(mvc, platform, TARGET).launch(role, claims -> claims.subject(assessor.subject())
			.claim("name", assessor.name())
			.claim(LTI + "message_type", "LtiSubmissionReviewRequest")
			.claim(LTI + "for_user", Map.of("user_id", forUser))
			.claim(LTI + "context", Map.of("id", place.course(), "title", "Course " + place.course(), "label",
					place.course(), "type", List.of("CourseSection")))
			.claim(LTI + "resource_link", Map.of("id", place.link(), "title", "Credential link"))
			.claim(LTI + "custom", Map.of("credential", place.credential())));
	}

	/**
	 * An educator launches, answers one prompt and submits.
	 * @return the workspace id
	 */
	String submit(Person educator, Place place, String section, String prompt, String answer) throws Exception {
		Launched me = launch("Learner", educator, place);
		return submit(me, educator, section, prompt, answer);
	}

	String submit(Launched me, Person educator, String section, String prompt, String answer) throws Exception {
		mvc.perform(me.get("/workspace/credential")).andReturn();
		expectStatus(302, mvc.perform(me.post("/workspace/sections/" + section)
			.param("revision", String.valueOf(draftRevision(educator)))
			.param("prompt." + prompt, answer)
			.with(csrf())).andReturn().getResponse());
		expectStatus(302, mvc.perform(me.post("/workspace/submit")
			.param("revision", String.valueOf(draftRevision(educator)))
			.param("confirm", "true")
			.with(csrf())).andReturn().getResponse());
		return workspaceOf(educator);
	}

	String workspaceOf(Person educator) {
		return jdbc.sql("SELECT id FROM workspace WHERE owner_subject = :s").param("s", educator.subject())
			.query(String.class)
			.single();
	}

	int draftRevision(Person educator) {
		return jdbc.sql("SELECT draft_revision FROM workspace WHERE owner_subject = :s")
			.param("s", educator.subject())
			.query(Integer.class)
			.single();
	}

	String status(String workspaceId) {
		return jdbc.sql("SELECT status FROM workspace WHERE id = :id").param("id", workspaceId)
			.query(String.class)
			.single();
	}

	MockHttpServletResponse get(Launched who, String path) throws Exception {
		return mvc.perform(who.get(path)).andReturn().getResponse();
	}

	/** The page a launch lands on: where the tool redirects {@code /launches/{id}}. */
	String landing(Launched who) throws Exception {
		return mvc.perform(MockMvcRequestBuilders.get(who.page()).cookie(who.session()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
	}

	Scores scores() {
		return new Scores();
	}

	/** What an assessor posts from the review form. */
	final class Scores {

		private final Map<String, String> parameters = new LinkedHashMap<>();

		Scores level(String component, String level) {
			parameters.put("level." + component, level);
			return this;
		}

		Scores comment(String component, String comment) {
			parameters.put("comment." + component, comment);
			return this;
		}

		Scores overall(String overall) {
			parameters.put("overall", overall);
			return this;
		}

		Scores all(List<String> components, String level) {
			components.forEach(component -> level(component, level));
			return this;
		}

		MockHttpServletResponse post(Launched assessor, String workspaceId, int version, int revision, String action)
				throws Exception {
			MockHttpServletRequestBuilder request = assessor.post("/review/" + workspaceId)
				.param("version", String.valueOf(version))
				.param("revision", String.valueOf(revision))
				.param("action", action)
				.with(csrf());
			parameters.forEach(request::param);
			return mvc.perform(request).andReturn().getResponse();
		}

		MockHttpServletResponse reconcile(Launched instructor, String workspaceId, int version) throws Exception {
			MockHttpServletRequestBuilder request = instructor.post("/review/" + workspaceId + "/reconcile")
				.param("version", String.valueOf(version))
				.with(csrf());
			parameters.forEach(request::param);
			return mvc.perform(request).andReturn().getResponse();
		}
	}

	static void expectStatus(int status, MockHttpServletResponse response) throws Exception {
		if (response.getStatus() != status) {
			throw new AssertionError("expected " + status + " but got " + response.getStatus() + ": "
					+ response.getContentAsString());
		}
	}
}
