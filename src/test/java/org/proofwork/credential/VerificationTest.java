package org.proofwork.credential;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The public verification page and its JSON: no sign-in, a live check of signature, claims, dates and revocation; a
 * revocation by the administrator or the course's instructor shows with its reason from then on.
 */
@Tag("persistence")
class VerificationTest extends CredentialTestSupport {

	@Autowired
	IssuedCredentials issued;

	@Test
	void thePublicPageVerifiesWithoutSignInAndShowsIssuerAchievementDateAndResults() throws Exception {
		Earned earned = earn(Person.educator("Public Page"), Place.community());

		MockHttpServletResponse page = expect(200,
				mvc.perform(get("/credentials/" + earned.credential().id())).andReturn().getResponse());

		assertThat(page.getContentAsString()).contains("data-status=\"VERIFIED\"")
			.contains("Example University Micro-credentials")
			.contains("Community Partnerships for Learning and Family Well-Being")
			.contains("Artifact 1: Needs Assessment (survey)")
			.contains("Proficient")
			.contains(earned.credential().issuedOn())
			.doesNotContain("Public Page");
	}

	@Test
	void theJsonAnswerGivesProgramsTheSameChecks() throws Exception {
		Earned earned = earn(Person.educator("Program"), Place.community());

		JsonNode answer = json(get("/credentials/" + earned.credential().id() + "/verification"));

		assertThat(answer.path("status").asString()).isEqualTo("VERIFIED");
		assertThat(answer.path("verified").asBoolean()).isTrue();
		assertThat(answer.path("checks")).hasSize(4).allSatisfy(check -> assertThat(check.path("passed").asBoolean()).isTrue());
		assertThat(answer.path("results").get(0).path("level").asString()).isEqualTo("Pass");
	}

	@Test
	void aCredentialRevokedByTheAdministratorIsReportedRevokedWithItsReason() throws Exception {
		Earned earned = earn(Person.educator("Revoked Admin"), Place.community());
		String id = earned.credential().id();

		assertThat(expect(200, mvc.perform(get("/admin/credentials").with(user("admin").roles("TOOL_ADMIN")))
			.andReturn()
			.getResponse()).getContentAsString()).contains("Revoked Admin").contains("/admin/credentials/" + id + "/revoke");
		expect(302, mvc.perform(post("/admin/credentials/" + id + "/revoke").param("reason", "Plagiarised evidence")
			.with(user("admin").roles("TOOL_ADMIN"))
			.with(csrf())).andReturn().getResponse());

		JsonNode answer = json(get("/credentials/" + id + "/verification"));
		assertThat(answer.path("status").asString()).isEqualTo("REVOKED");
		assertThat(answer.path("verified").asBoolean()).isFalse();
		assertThat(answer.path("revocation").path("reason").asString()).isEqualTo("Plagiarised evidence");
		assertThat(mvc.perform(get("/credentials/" + id)).andReturn().getResponse().getContentAsString())
			.contains("data-status=\"REVOKED\"")
			.contains("Plagiarised evidence");
		assertThat(json(get("/credentials/revocations")).path("revokedCredentials").toString())
			.contains(BASE + "/credentials/" + id);
		assertThat(mvc.perform(get("/admin/credentials").with(user("admin").roles("TOOL_ADMIN"))).andReturn()
			.getResponse()
			.getContentAsString()).contains("Plagiarised evidence");
		expect(409, mvc.perform(post("/admin/credentials/" + id + "/revoke").param("reason", "Again")
			.with(user("admin").roles("TOOL_ADMIN"))
			.with(csrf())).andReturn().getResponse());
	}

	@Test
	void theCoursesInstructorRevokesFromTheirLaunchAndATeachingAssistantCannot() throws Exception {
		Place place = Place.community();
		Earned earned = earn(Person.educator("Revoked Course"), place);
		String id = earned.credential().id();
		var instructor = launch("Instructor", new Person("instructor-" + place.course(), "Ines Instructor",
				"ines@school.example"), place);
		var assistant = launch("TeachingAssistant", new Person("ta-" + place.course(), "Tom Assistant",
				"tom@school.example"), place);

		String list = mvc.perform(instructor.get("/credentials")).andReturn().getResponse().getContentAsString();
		assertThat(list).contains("Revoked Course").contains("/credentials/" + id);
		expect(403, mvc.perform(assistant.post("/credentials/" + id + "/revoke").param("reason", "No")
			.with(csrf())).andReturn().getResponse());
		assertThat(mvc.perform(assistant.get("/credentials")).andReturn().getResponse().getContentAsString())
			.doesNotContain("Revoked Course");
		expect(302, mvc.perform(instructor.post("/credentials/" + id + "/revoke").param("reason", "Decided in error")
			.with(csrf())).andReturn().getResponse());

		assertThat(json(get("/credentials/" + id + "/verification")).path("status").asString()).isEqualTo("REVOKED");
	}

	@Test
	void anInstructorOfAnotherCourseCannotRevoke() throws Exception {
		Earned earned = earn(Person.educator("Elsewhere"), Place.community());
		Place other = Place.community();
		var instructor = launch("Instructor", new Person("instructor-" + other.course(), "Other Instructor",
				"other@school.example"), other);

		expect(404, mvc.perform(instructor.post("/credentials/" + earned.credential().id() + "/revoke")
			.param("reason", "Not mine")
			.with(csrf())).andReturn().getResponse());
	}

	@Test
	void aStoredTokenThatWasTamperedWithIsReportedInvalid() throws Exception {
		Earned earned = earn(Person.educator("Tampered Store"), Place.community());
		String jwt = earned.credential().compactJwt();
		String[] parts = jwt.split("\\.");
		String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
			.replace("\"Pass\"", "\"Fail\"");
		String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
			.encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
		jdbc.sql("UPDATE credential SET compact_jwt = :jwt WHERE id = :id")
			.params(Map.of("jwt", tampered, "id", earned.credential().id()))
			.update();

		JsonNode answer = json(get("/credentials/" + earned.credential().id() + "/verification"));

		assertThat(answer.path("status").asString()).isEqualTo("INVALID");
		assertThat(answer.path("checks").get(0).path("passed").asBoolean()).isFalse();
	}

	@Test
	void onlyTheAdministratorReachesTheAdminList() throws Exception {
		MockHttpServletResponse anonymous = mvc.perform(get("/admin/credentials")).andReturn().getResponse();

		assertThat(anonymous.getStatus()).isEqualTo(302);
		assertThat(anonymous.getRedirectedUrl()).endsWith("/admin/login");
	}

	@Test
	void aRevocationNeedsAReason() throws Exception {
		Earned earned = earn(Person.educator("No Reason"), Place.community());

		expect(400, mvc.perform(post("/admin/credentials/" + earned.credential().id() + "/revoke").param("reason", " ")
			.with(user("admin").roles("TOOL_ADMIN"))
			.with(csrf())).andReturn().getResponse());
		assertThat(json(get("/credentials/" + earned.credential().id() + "/verification")).path("status").asString())
			.isEqualTo("VERIFIED");
	}

	@Test
	void anUnknownCredentialIsNotFound() throws Exception {
		expect(404, mvc.perform(get("/credentials/00000000-0000-0000-0000-000000000000")).andReturn().getResponse());
		expect(404, mvc.perform(get("/credentials/not-a-credential/verification")).andReturn().getResponse());
	}

	@Test
	void theIssuerProfileAndTheAchievementAnswerAtTheirIds() throws Exception {
		assertThat(json(get("/credentials/issuer")).path("name").asString())
			.isEqualTo("Example University Micro-credentials");
		assertThat(json(get("/credentials/achievements/" + COMMUNITY)).path("resultDescription")).hasSize(6);
	}

	private JsonNode json(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
			throws Exception {
		MockHttpServletResponse response = expect(200, mvc.perform(request.accept("application/json")).andReturn()
			.getResponse());
		return VcJwt.json.readTree(response.getContentAsString());
	}
}
