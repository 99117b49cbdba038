package org.proofwork.devplatform;

import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo LMS's OAuth 2.0 token endpoint: client credentials with a private_key_jwt client assertion, verified with
 * the key set the tool publishes.
 */
class DemoTokenEndpointTest extends DemoLmsHttpTest {

	private static final String TOKEN = LMS + "/token";

	@BeforeEach
	void registerTheTool() throws Exception {
		register();
	}

	@Test
	void issuesABearerTokenForAClientAssertionSignedWithThePublishedKey() throws Exception {
		HttpResponse<String> response = requestToken(tool.clientAssertion(clientId, TOKEN),
				LtiVocabulary.SCOPE_SCORE + " " + LtiVocabulary.SCOPE_MEMBERSHIPS);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(jsonOf(response)).containsEntry("token_type", "Bearer")
			.containsEntry("expires_in", 3600)
			.containsEntry("scope", LtiVocabulary.SCOPE_SCORE + " " + LtiVocabulary.SCOPE_MEMBERSHIPS)
			.containsKey("access_token");
	}

	@Test
	void rejectsAClientAssertionWithABadSignature() throws Exception {
		String assertion = tool.clientAssertion(clientId, TOKEN);
		String forged = TestTool.sign(tool.impostor, SignedJWT.parse(assertion).getJWTClaimsSet());

		HttpResponse<String> response = requestToken(forged, LtiVocabulary.SCOPE_SCORE);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(jsonOf(response)).containsEntry("error", "invalid_client");
	}

	@Test
	void rejectsAReusedClientAssertion() throws Exception {
		String assertion = tool.clientAssertion(clientId, TOKEN, "jti-used-once");
		assertThat(requestToken(assertion, LtiVocabulary.SCOPE_SCORE).statusCode()).isEqualTo(200);

		HttpResponse<String> replay = requestToken(assertion, LtiVocabulary.SCOPE_SCORE);

		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(jsonOf(replay).get("error_description").toString()).contains("jti");
	}

	@Test
	void rejectsAClientAssertionForAnotherAudience() throws Exception {
		HttpResponse<String> response = requestToken(tool.clientAssertion(clientId, LMS), LtiVocabulary.SCOPE_SCORE);

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void refusesScopesTheToolWasNotGranted() throws Exception {
		HttpResponse<String> response = requestToken(tool.clientAssertion(clientId, TOKEN),
				"https://purl.imsglobal.org/spec/lti-ts/scope/toolsetting");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(jsonOf(response)).containsEntry("error", "invalid_scope");
	}

	private HttpResponse<String> requestToken(String assertion, String scope) throws Exception {
		return postForm(TOKEN, Map.of("grant_type", "client_credentials", "client_assertion_type",
				DemoAccessTokens.JWT_BEARER, "client_assertion", assertion, "scope", scope));
	}
}
