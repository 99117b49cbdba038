package org.proofwork.lti;

import org.proofwork.testing.TestPlatform;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

class DeepLinkingTest extends LaunchTestSupport {

	private static final String LTI = IdTokenValidator.LTI;

	@Autowired
	ToolKeys toolKeys;

	@Autowired
	CredentialCatalog catalog;

	@Test
	void instructorPlacesACredentialAndTheSignedResponseGoesBackToThePlatform() throws Exception {
		MockHttpServletResponse launched = deepLinkingLaunch("Instructor");
		Cookie session = launched.getCookie("PROOFWORK_SESSION");
		String picker = picker(launched);
		CredentialDefinition credential = catalog.all().get(0);

		String page = mvc.perform(get(picker).cookie(session)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(credential.title());

		String returned = mvc.perform(post(picker).param("credential", credential.id()).cookie(session).with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(returned).contains("action=\"" + platform.url("/platform/deep-link-return") + "\"");
		SignedJWT jwt = SignedJWT.parse(field(returned, "JWT"));
		RSAKey key = (RSAKey) toolKeys.publicKeySet().getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(jwt.verify(new RSASSAVerifier(key))).as("signed with a published tool key").isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(TestPlatform.CLIENT_ID);
		assertThat(claims.getAudience()).containsExactly(platform.issuer);
		assertThat(claims.getStringClaim(LTI + "deployment_id")).isEqualTo(TestPlatform.DEPLOYMENT_ID);
		assertThat(claims.getStringClaim(LTI + "message_type")).isEqualTo("LtiDeepLinkingResponse");
		assertThat(claims.getStringClaim(LTI + "version")).isEqualTo("1.3.0");
		assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/data")).isEqualTo("opaque-data");
		List<Object> items = claims.getListClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items");
		assertThat(items).hasSize(1);
		@SuppressWarnings("unchecked")
		Map<String, Object> item = (Map<String, Object>) items.get(0);
		assertThat(item).containsEntry("type", "ltiResourceLink")
			.containsEntry("title", credential.title())
			.containsEntry("url", target())
			.containsEntry("custom", Map.of("credential", credential.id()));
		assertThat(item.get("lineItem")).isEqualTo(Map.of("scoreMaximum", 1.0, "label", credential.title(),
				"resourceId", credential.id(), "tag", "proofwork-credential"));
	}

	@Test
	void cancellingReturnsAResponseWithoutItems() throws Exception {
		MockHttpServletResponse launched = deepLinkingLaunch("Instructor");
		String picker = picker(launched);

		String returned = mvc
			.perform(post(picker).param("cancel", "true").cookie(launched.getCookie("PROOFWORK_SESSION")).with(csrf()))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(SignedJWT.parse(field(returned, "JWT"))
			.getJWTClaimsSet()
			.getListClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items")).isEmpty();
	}

	@Test
	void learnersCannotPlaceCredentials() throws Exception {
		MockHttpServletResponse launched = deepLinkingLaunch("Learner");

		int status = mvc
			.perform(get(picker(launched)).cookie(launched.getCookie("PROOFWORK_SESSION")))
			.andReturn()
			.getResponse()
			.getStatus();

		assertThat(status).isEqualTo(403);
	}

	private MockHttpServletResponse deepLinkingLaunch(String role) throws Exception {
		Login login = login();
		String token = platform.sign(platform.claims(login.nonce(), target(), role)
			.claim(LTI + "message_type", "LtiDeepLinkingRequest")
			.claim(LTI + "resource_link", null)
			.claim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
					Map.of("deep_link_return_url", platform.url("/platform/deep-link-return"), "accept_types",
							List.of("ltiResourceLink"), "accept_presentation_document_targets", List.of("iframe"),
							"accept_multiple", true, "data", "opaque-data"))
			.build());
		MockHttpServletResponse launched = launch(token, login).andReturn().getResponse();
		assertThat(launched.getStatus()).isEqualTo(302);
		return launched;
	}

	private static String field(String html, String name) {
		Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
		assertThat(matcher.find()).as("form field " + name).isTrue();
		return matcher.group(1);
	}

	/** A deep linking launch lands on the credential picker, in one redirect. */
	private static String picker(MockHttpServletResponse launched) {
		String picker = launched.getRedirectedUrl();
		assertThat(picker).matches("/launches/[^/]+/deep-linking");
		return picker;
	}
}
