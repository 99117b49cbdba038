package org.proofwork.devplatform;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Stands in for the tool side in the demo LMS's tests: its RSA key, published at a JWKS URL served by WireMock (as
 * the real tool publishes its keys over HTTP), a Moodle-style registration request, and the JWTs the tool signs.
 */
final class TestTool {

	static final String KID = "test-tool-key";

	private static final String[] ALL_SCOPES = { LtiVocabulary.SCOPE_LINEITEM, LtiVocabulary.SCOPE_LINEITEM_READONLY,
			LtiVocabulary.SCOPE_RESULT_READONLY, LtiVocabulary.SCOPE_SCORE, LtiVocabulary.SCOPE_MEMBERSHIPS };

	final RSAKey key = generate(KID);

	/** Another key under the same kid: what it signs must fail verification. */
	final RSAKey impostor = generate(KID);

	private final WireMockServer keySetServer = new WireMockServer(options().dynamicPort());

	private final String toolBase;

	TestTool(String toolBase) {
		this.toolBase = toolBase;
		keySetServer.start();
		keySetServer.stubFor(get("/jwks.json").willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody(new JWKSet(key.toPublicJWK()).toString())));
	}

	String jwksUri() {
		return keySetServer.baseUrl() + "/jwks.json";
	}

	/** A registration request as the tool sends it, with every field Moodle requires. */
	Map<String, Object> registrationRequest() {
		Map<String, Object> toolConfiguration = new LinkedHashMap<>();
		toolConfiguration.put("domain", toolBase.replaceFirst("^https?://", ""));
		toolConfiguration.put("target_link_uri", toolBase + "/lti/launch");
		toolConfiguration.put("description", "Evidence-based educator micro-credentials");
		toolConfiguration.put("claims", List.of("iss", "sub", "name", "given_name", "family_name", "email"));
		toolConfiguration.put("messages",
				List.of(Map.of("type", "LtiDeepLinkingRequest", "target_link_uri", toolBase + "/lti/launch"),
						Map.of("type", "LtiSubmissionReviewRequest")));
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("application_type", "web");
		request.put("response_types", List.of("id_token"));
		request.put("grant_types", List.of("implicit", "client_credentials"));
		request.put("initiate_login_uri", toolBase + "/lti/login");
		request.put("redirect_uris", List.of(toolBase + "/lti/launch"));
		request.put("client_name", "Proofwork");
		request.put("jwks_uri", jwksUri());
		request.put("token_endpoint_auth_method", "private_key_jwt");
		request.put("scope", String.join(" ", ALL_SCOPES));
		request.put(LtiVocabulary.TOOL_CONFIGURATION, toolConfiguration);
		return request;
	}

	String clientAssertion(String clientId, String tokenUrl, String jti) {
		return sign(key, new JWTClaimsSet.Builder().issuer(clientId)
			.subject(clientId)
			.audience(tokenUrl)
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.jwtID(jti)
			.build());
	}

	String clientAssertion(String clientId, String tokenUrl) {
		return clientAssertion(clientId, tokenUrl, UUID.randomUUID().toString());
	}

	static String sign(RSAKey signingKey, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(signingKey));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generate(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
