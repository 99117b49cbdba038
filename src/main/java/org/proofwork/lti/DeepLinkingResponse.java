package org.proofwork.lti;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.system.ProofworkProperties;
import org.springframework.stereotype.Component;

/**
 * Builds the signed LtiDeepLinkingResponse: {@code iss} is the tool's client_id (Moodle refuses anything else),
 * {@code aud} the platform's issuer, the launch's deployment and {@code data} echoed. Each credential becomes an
 * {@code ltiResourceLink} with a line item, so the LMS creates the gradebook column with the link.
 */
@Component
class DeepLinkingResponse {

	static final String LINE_ITEM_TAG = "proofwork-credential";

	/** Pass or not yet: Earned posts 1 of 1, Not yet 0 of 1. */
	static final double SCORE_MAXIMUM = 1.0;

	private static final Duration LIFETIME = Duration.ofMinutes(5);

	private final ToolKeys keys;

	private final ProofworkProperties proofwork;

	private final Clock clock;

	DeepLinkingResponse(ToolKeys keys, ProofworkProperties proofwork, Clock clock) {
		this.keys = keys;
		this.proofwork = proofwork;
		this.clock = clock;
	}

	String sign(LtiLaunch launch, List<CredentialDefinition> credentials) {
		Instant now = clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(launch.clientId())
			.audience(launch.issuer())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(LIFETIME)))
			.jwtID(UUID.randomUUID().toString())
			.claim("nonce", UUID.randomUUID().toString())
			.claim(IdTokenValidator.LTI + "deployment_id", launch.deploymentId())
			.claim(IdTokenValidator.LTI + "message_type", "LtiDeepLinkingResponse")
			.claim(IdTokenValidator.LTI + "version", "1.3.0")
			.claim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items",
					credentials.stream().map(this::item).toList());
		if (launch.deepLinking().data() != null) {
			claims.claim("https://purl.imsglobal.org/spec/lti-dl/claim/data", launch.deepLinking().data());
		}
		if (credentials.isEmpty()) {
			claims.claim("https://purl.imsglobal.org/spec/lti-dl/claim/msg", "No credential was added.");
		}
		RSAKey key = keys.signingKey();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims.build());
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign the deep linking response", ex);
		}
		return jwt.serialize();
	}

	private Map<String, Object> item(CredentialDefinition credential) {
		Map<String, Object> lineItem = new LinkedHashMap<>();
		lineItem.put("scoreMaximum", SCORE_MAXIMUM);
		lineItem.put("label", credential.title());
		lineItem.put("resourceId", credential.id());
		lineItem.put("tag", LINE_ITEM_TAG);
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("type", "ltiResourceLink");
		item.put("title", credential.title());
		item.put("text", credential.competency());
		item.put("url", proofwork.url("/lti/launch").toString());
		item.put("custom", Map.of("credential", credential.id()));
		item.put("lineItem", lineItem);
		return item;
	}
}
