package org.proofwork.credential;

import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Credit requests: an educator sends one to a partner with a share link; only that partner's reviewer sees it, opens
 * the evidence and decides; the educator sees the outcome and the registrar exports what was granted.
 */
@Tag("persistence")
class CreditRequestTest extends CredentialTestSupport {

	@Test
	void aReviewerSeesOnlyRequestsSentToTheirPartnerAndAcceptsWithCredits() throws Exception {
		Earned earned = earn(Person.educator("Credit Seeker"), Place.community());
		String requestId = request(earned, "north", "Please count this towards my M.Ed.");
		Cookie north = signIn("north-reviewer", "north-secret");
		Cookie south = signIn("south-reviewer", "south-secret");

		assertThat(page(get("/partners/requests").cookie(north))).contains("Credit Seeker");
		assertThat(page(get("/partners/requests").cookie(south))).doesNotContain("Credit Seeker");
		expect(404, mvc.perform(get("/partners/requests/" + requestId).cookie(south)).andReturn().getResponse());
		expect(404, mvc.perform(post("/partners/requests/" + requestId + "/decision").cookie(south)
			.param("decision", "accept").param("credits", "3").with(csrf())).andReturn().getResponse());

		String detail = page(get("/partners/requests/" + requestId).cookie(north));
		assertThat(detail).contains("Please count this towards my M.Ed.").contains("/credentials/shared/")
			.contains("value=\"3\"");
		expect(302, mvc.perform(post("/partners/requests/" + requestId + "/decision").cookie(north)
			.param("decision", "accept")
			.param("credits", "3")
			.param("note", "Recorded for spring term.")
			.with(csrf())).andReturn().getResponse());

		String mine = page(earned.educator().get("/credentials/mine"));
		assertThat(mine).contains("data-status=\"ACCEPTED\"").contains("Recorded for spring term.");
		expect(409, mvc.perform(post("/partners/requests/" + requestId + "/decision").cookie(north)
			.param("decision", "decline").with(csrf())).andReturn().getResponse());
	}

	@Test
	void theRegistrarExportListsGrantedCreditOfTheirPartnerOnly() throws Exception {
		Earned toNorth = earn(Person.educator("North Grant"), Place.community());
		Earned toSouth = earn(Person.educator("South Grant"), Place.community());
		String northRequest = request(toNorth, "north", "");
		String southRequest = request(toSouth, "south", "");
		Cookie north = signIn("north-reviewer", "north-secret");
		Cookie south = signIn("south-reviewer", "south-secret");
		decide(north, northRequest, "accept", "3");
		decide(south, southRequest, "accept", "2.5");

		String csv = page(get("/partners/export.csv").cookie(north));
		JsonNode json = VcJwt.json.readTree(page(get("/partners/export.json").cookie(north)));

		assertThat(csv).startsWith("request_id,partner_id,partner,earner_name").contains(northRequest)
			.contains("North Grant").contains(",3,").doesNotContain("South Grant");
		assertThat(json.toString()).contains(northRequest).doesNotContain(southRequest);
		assertThat(page(get("/admin/credits.csv").with(
				org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("admin")
					.roles("TOOL_ADMIN")))).contains(northRequest).contains(southRequest).contains(",2.5,");
	}

	@Test
	void aDeclinedRequestShowsTheEducatorTheNoteAndAllowsAnotherRequest() throws Exception {
		Earned earned = earn(Person.educator("Declined Educator"), Place.community());
		String requestId = request(earned, "south", "");
		decide(signIn("south-reviewer", "south-secret"), requestId, "decline", "");

		assertThat(page(earned.educator().get("/credentials/mine"))).contains("data-status=\"DECLINED\"");
		request(earned, "south", "Second try");
	}

	@Test
	void theSameCredentialCannotWaitAtOnePartnerTwice() throws Exception {
		Earned earned = earn(Person.educator("Twice"), Place.community());
		request(earned, "north", "");

		expect(409, mvc.perform(earned.educator().post("/credentials/" + earned.credential().id() + "/credit-requests")
			.param("partner", "north")
			.param("expiresOn", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString())
			.with(csrf())).andReturn().getResponse());
	}

	@Test
	void partnerPagesNeedAReviewerSignIn() throws Exception {
		MockHttpServletResponse anonymous = mvc.perform(get("/partners/requests")).andReturn().getResponse();
		assertThat(anonymous.getStatus()).isEqualTo(302);
		assertThat(anonymous.getRedirectedUrl()).endsWith("/partners/login");

		MockHttpServletResponse wrong = mvc.perform(formLogin("/partners/login").user("north-reviewer")
			.password("guess")).andReturn().getResponse();
		assertThat(wrong.getRedirectedUrl()).endsWith("/partners/login?error");
		assertThat(page(get("/partners/login"))).contains("University reviewer sign-in");
	}

	/** The educator sends a request from My credentials; returns its id. */
	String request(Earned earned, String partner, String message) throws Exception {
		expect(302, mvc.perform(earned.educator().post("/credentials/" + earned.credential().id() + "/credit-requests")
			.param("partner", partner)
			.param("message", message)
			.param("expiresOn", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(30).toString())
			.param("includeArtifacts", "true")
			.with(csrf())).andReturn().getResponse());
		return jdbc.sql("SELECT id FROM credit_request WHERE credential_id = :id AND partner_id = :partner "
				+ "ORDER BY requested_at DESC")
			.param("id", earned.credential().id())
			.param("partner", partner)
			.query(String.class)
			.list()
			.get(0);
	}

	void decide(Cookie reviewer, String requestId, String decision, String credits) throws Exception {
		expect(302, mvc.perform(post("/partners/requests/" + requestId + "/decision").cookie(reviewer)
			.param("decision", decision)
			.param("credits", credits)
			.with(csrf())).andReturn().getResponse());
	}

	/** Signs a reviewer in on the form; returns their session cookie. */
	Cookie signIn(String username, String password) throws Exception {
		MockHttpServletResponse response = mvc.perform(formLogin("/partners/login").user(username).password(password))
			.andReturn()
			.getResponse();
		assertThat(response.getRedirectedUrl()).as("sign-in of " + username).endsWith("/partners/requests");
		Cookie session = response.getCookie("PROOFWORK_SESSION");
		assertThat(session).as("session cookie").isNotNull();
		return session;
	}

	private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
			throws Exception {
		return expect(200, mvc.perform(request).andReturn().getResponse()).getContentAsString();
	}
}
