package org.proofwork.credential;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.proofwork.system.UserFacingException;
import org.proofwork.testing.LaunchFlow.Launched;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * An educator's share link shows a university the credential (and the work, when chosen) until it expires or is
 * withdrawn; then it shows nothing. Every opening is logged.
 */
@Tag("persistence")
class ShareLinkTest extends CredentialTestSupport {

	@Test
	void aShareLinkShowsTheCredentialTheEarnersNameAndTheArtifactsAndLogsEachOpening() throws Exception {
		Earned earned = earn(Person.educator("Sharing Educator"), Place.community());
		String token = share(earned, "North State University", true);

		String page = expect(200, mvc.perform(get("/credentials/shared/" + token).with(remote("203.0.113.7")))
			.andReturn()
			.getResponse()).getContentAsString();
		mvc.perform(get("/credentials/shared/" + token).with(remote("198.51.100.9")));

		assertThat(page).contains("Sharing Educator").contains("data-status=\"VERIFIED\"")
			.contains("Community Partnerships for Learning and Family Well-Being")
			.contains("To grow family partnerships in my school.")
			.contains("Family survey.pdf");
		String fileId = jdbc.sql("SELECT id FROM evidence_file WHERE workspace_id = :workspace")
			.param("workspace", earned.credential().workspaceId())
			.query(String.class)
			.single();
		MvcResult streaming = mvc.perform(get("/credentials/shared/" + token + "/files/" + fileId)).andReturn();
		MockHttpServletResponse file = expect(200, mvc.perform(asyncDispatch(streaming)).andReturn().getResponse());
		assertThat(file.getContentAsByteArray()).isEqualTo(earned.file());
		assertThat(jdbc.sql("SELECT what, visitor FROM credential_share_open WHERE token = :token ORDER BY id")
			.param("token", token)
			.query((rs, row) -> rs.getString("what") + ":" + rs.getString("visitor"))
			.list()).hasSize(3)
			.allSatisfy(entry -> assertThat(entry).matches("(PAGE|FILE):[0-9a-f]{16}"))
			.doesNotContain("203.0.113.7");
		String mine = mvc.perform(earned.educator().get("/credentials/mine")).andReturn().getResponse()
			.getContentAsString();
		assertThat(mine).contains("North State University").contains("2 times");
	}

	@Test
	void aWithdrawnShareLinkShowsNothing() throws Exception {
		Earned earned = earn(Person.educator("Withdrawing Educator"), Place.community());
		String token = share(earned, "Somebody", true);

		expect(302, mvc.perform(earned.educator()
			.post("/credentials/" + earned.credential().id() + "/shares/" + token + "/revoke")
			.with(csrf())).andReturn().getResponse());

		MvcResult gone = mvc.perform(get("/credentials/shared/" + token).accept("text/html")).andReturn();
		assertThat(gone.getResponse().getStatus()).isEqualTo(410);
		assertThat(refusal(gone)).isEqualTo("credential.share.revoked.title");
		assertThat(gone.getResponse().getContentAsString()).doesNotContain("Withdrawing Educator")
			.doesNotContain("Community Partnerships for Learning");
		assertThat(mvc.perform(get("/credentials/shared/" + token + "/record.pdf")).andReturn().getResponse()
			.getStatus()).isEqualTo(410);
	}

	@Test
	void anExpiredShareLinkShowsNothing() throws Exception {
		Earned earned = earn(Person.educator("Expiring Educator"), Place.community());
		String token = share(earned, "Later", true);
		expect(200, mvc.perform(get("/credentials/shared/" + token)).andReturn().getResponse());

		Duration pastExpiry = Duration.ofDays(91);
		clock.advance(pastExpiry);
		try {
			MvcResult gone = mvc.perform(get("/credentials/shared/" + token).accept("text/html")).andReturn();

			assertThat(gone.getResponse().getStatus()).isEqualTo(410);
			assertThat(refusal(gone)).isEqualTo("credential.share.expired.title");
			assertThat(gone.getResponse().getContentAsString()).doesNotContain("Expiring Educator");
		}
		finally {
			clock.advance(pastExpiry.negated());
		}
	}

	@Test
	void aLinkWithoutArtifactsShowsTheCredentialButNoFile() throws Exception {
		Earned earned = earn(Person.educator("Credential Only"), Place.community());
		String token = share(earned, "", false);
		String fileId = jdbc.sql("SELECT id FROM evidence_file WHERE workspace_id = :workspace")
			.param("workspace", earned.credential().workspaceId())
			.query(String.class)
			.single();

		String page = mvc.perform(get("/credentials/shared/" + token)).andReturn().getResponse().getContentAsString();

		assertThat(page).contains("Credential Only").doesNotContain("To grow family partnerships in my school.");
		expect(404, mvc.perform(get("/credentials/shared/" + token + "/files/" + fileId)).andReturn().getResponse());
	}

	@Test
	void aLinkOpensOnlyTheFilesOfItsOwnCredential() throws Exception {
		Earned mine = earn(Person.educator("Mine"), Place.community());
		Earned theirs = earn(Person.educator("Theirs"), Place.community());
		String token = share(mine, "", true);
		String theirFile = jdbc.sql("SELECT id FROM evidence_file WHERE workspace_id = :workspace")
			.param("workspace", theirs.credential().workspaceId())
			.query(String.class)
			.single();

		expect(404, mvc.perform(get("/credentials/shared/" + token + "/files/" + theirFile)).andReturn().getResponse());
		expect(404, mvc.perform(get("/credentials/shared/no-such-token")).andReturn().getResponse());
	}

	@Test
	void anEducatorCannotShareSomebodyElsesCredentialOrChooseAnExpiryBeyondTheLimit() throws Exception {
		Earned mine = earn(Person.educator("Owner"), Place.community());
		Launched other = launch("Learner", Person.educator("Other"), Place.community());

		expect(404, mvc.perform(other.post("/credentials/" + mine.credential().id() + "/shares")
			.param("expiresOn", LocalDate.now(ZoneOffset.UTC).plusDays(10).toString())
			.with(csrf())).andReturn().getResponse());
		expect(400, mvc.perform(mine.educator().post("/credentials/" + mine.credential().id() + "/shares")
			.param("expiresOn", LocalDate.now(ZoneOffset.UTC).plusYears(3).toString())
			.with(csrf())).andReturn().getResponse());
	}

	/** The educator creates a link on My credentials; the link is in the page after the redirect. */
	String share(Earned earned, String label, boolean includeArtifacts) throws Exception {
		MockHttpServletResponse created = expect(302, mvc.perform(earned.educator()
			.post("/credentials/" + earned.credential().id() + "/shares")
			.param("label", label)
			.param("expiresOn", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(90).toString())
			.param("includeArtifacts", String.valueOf(includeArtifacts))
			.with(csrf())).andReturn().getResponse());
		assertThat(created.getRedirectedUrl()).contains("/credentials/mine");
		return jdbc.sql("SELECT token FROM credential_share WHERE credential_id = :id ORDER BY created_at DESC")
			.param("id", earned.credential().id())
			.query(String.class)
			.list()
			.get(0);
	}

	/** The title of the page the person is shown (MockMvc does not render error pages). */
	private static String refusal(MvcResult result) {
		return ((UserFacingException) result.getResolvedException()).titleCode();
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor remote(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}
}
