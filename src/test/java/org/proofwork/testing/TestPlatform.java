package org.proofwork.testing;

import java.net.URI;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

import org.proofwork.lti.PlatformDetails;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A learning platform played by WireMock: it publishes a key set, and the test signs id_tokens with its keys the way
 * Moodle or Canvas would.
 */
public final class TestPlatform implements AutoCloseable {

	public static final String CLIENT_ID = "proofwork-client";

	public static final String DEPLOYMENT_ID = "deployment-1";

	public static final String JWKS_PATH = "/platform/jwks";

	public final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

	private RSAKey key = newKey("platform-key-1");

	private List<RSAKey> published = List.of(key);

	public final String issuer;

	public final Clock clock;

	public TestPlatform(Clock clock) {
		server.start();
		this.issuer = "http://localhost:" + server.port() + "/platform";
		this.clock = clock;
		publishKeys();
	}

	public static RSAKey newKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public PlatformDetails details() {
		return details(issuer, CLIENT_ID, Set.of(DEPLOYMENT_ID));
	}

	public PlatformDetails details(String issuer, String clientId, Set<String> deployments) {
		return new PlatformDetails("Test platform", issuer, clientId, URI.create(url("/platform/auth")),
				URI.create(url("/platform/token")), URI.create(url(JWKS_PATH)), deployments, List.of());
	}

	public String url(String path) {
		return "http://localhost:" + server.port() + path;
	}

	public RSAKey key() {
		return key;
	}

	/** Starts signing with a new key and publishes both, as a platform rotating its keys. */
	public RSAKey rotate(String kid) {
		key = newKey(kid);
		published = List.of(published.get(0), key);
		publishKeys();
		return key;
	}

	public int keySetFetches() {
		return server.countRequestsMatching(getRequestedFor(urlEqualTo(JWKS_PATH)).build()).getCount();
	}

	private void publishKeys() {
		JWKSet set = new JWKSet(published.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList());
		server.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(aResponse().withHeader("Content-Type", "application/json")
			.withBody(set.toString())));
	}

	/** The claims a Moodle resource link launch carries; {@code changes} adapt them for a case. */
	public JWTClaimsSet.Builder claims(String nonce, String targetLinkUri, String role) {
		Instant now = clock.instant();
		String lti = "https://purl.imsglobal.org/spec/lti/claim/";
		return new JWTClaimsSet.Builder().issuer(issuer)
			.audience(CLIENT_ID)
			.subject("user-" + role.toLowerCase())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofSeconds(60))))
			.claim("nonce", nonce)
			.claim("name", role + " Person")
			.claim("given_name", role)
			.claim("family_name", "Person")
			.claim("email", role.toLowerCase() + "@school.example")
			.claim(lti + "message_type", "LtiResourceLinkRequest")
			.claim(lti + "version", "1.3.0")
			.claim(lti + "deployment_id", DEPLOYMENT_ID)
			.claim(lti + "target_link_uri", targetLinkUri)
			.claim(lti + "roles", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#" + role))
			.claim(lti + "context", Map.of("id", "course-42", "title", "Family Engagement 101", "label", "FE101",
					"type", List.of("CourseSection")))
			.claim(lti + "resource_link", Map.of("id", "link-7", "title", "Community Partnerships"))
			.claim(lti + "tool_platform", Map.of("product_family_code", "moodle", "guid", "moodle.example"))
			.claim(lti + "launch_presentation", Map.of("document_target", "iframe", "return_url", url("/course")))
			.claim(lti + "custom", Map.of("credential", "community-partnerships-for-learning-and-family-well-being"))
			.claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
					Map.of("scope", List.of("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
							"https://purl.imsglobal.org/spec/lti-ags/scope/score"), "lineitems",
							url("/platform/lineitems?type_id=1"), "lineitem", url("/platform/lineitems/9/lineitem?type_id=1")))
			.claim("https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
					Map.of("context_memberships_url", url("/platform/memberships"), "service_versions", List.of("2.0")));
	}

	public String sign(JWTClaimsSet claims) {
		return sign(claims, key, key.getKeyID());
	}

	public static String sign(JWTClaimsSet claims, RSAKey signingKey, String kid) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
		try {
			jwt.sign(new RSASSASigner(signingKey));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	public static String randomNonce() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Answers as a platform's Assignment and Grade Services do for one line item (maximum 1): the token endpoint at
	 * {@code /platform/token} and the line item at {@code lineItemPath}. Scores are the caller's to stub.
	 */
	public void servesAgs(String lineItemPath, String label) {
		server.stubFor(post(urlPathEqualTo("/platform/token")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"ags-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		server.stubFor(get(urlPathEqualTo(lineItemPath)).willReturn(aResponse()
			.withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
			.withBody("{\"id\":\"" + url(lineItemPath) + "\",\"label\":\"" + label + "\",\"scoreMaximum\":1.0}")));
	}

	public void resetRequests() {
		server.resetRequests();
	}

	@Override
	public void close() {
		server.stop();
	}

}
