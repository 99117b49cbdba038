package org.proofwork.credential;

import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Web Token proof format of Open Badges 3.0 (§8.2, "VC-JWT"): the credential is the JWT payload, with the
 * registered claims {@code iss} (the issuer's id), {@code jti} (the credential's id), {@code sub} (the subject's id),
 * {@code nbf} ({@code validFrom}) and {@code exp} ({@code validUntil}, when there is one), signed RS256 as a compact
 * JWS. The JOSE header holds {@code alg}, {@code kid} and {@code typ} only: Open Badges 3.0 allows no other header
 * and requires {@code typ}, when present, to be "JWT" (not VC-JOSE-COSE's {@code vc+jwt}, which its verifiers
 * would refuse).
 */
final class VcJwt {

	static final JsonMapper json = JsonMapper.builder().build();

	private static final Set<String> ALLOWED_HEADERS = Set.of("alg", "kid", "typ");

	private VcJwt() {
	}

	/**
	 * Signs the credential as a compact JWS. The payload is exactly the credential's JSON followed by the JWT claims,
	 * so what is signed is what {@code credential.json} shows.
	 */
	static String sign(Map<String, Object> credential, Optional<Instant> validUntil, RSAKey key) {
		Map<String, Object> payload = new LinkedHashMap<>(credential);
		payload.put("iss", issuerId(json.valueToTree(credential)));
		payload.put("jti", credential.get("id"));
		payload.put("sub", ((Map<?, ?>) credential.get("credentialSubject")).get("id"));
		payload.put("nbf", Instant.parse((String) credential.get("validFrom")).getEpochSecond());
		validUntil.ifPresent(until -> payload.put("exp", until.getEpochSecond()));
		JWSHeader header = new JWSHeader.Builder(IssuerKeys.ALGORITHM).keyID(key.getKeyID())
			.type(JOSEObjectType.JWT)
			.build();
		JWSObject jws = new JWSObject(header, new Payload(json.writeValueAsString(payload)));
		try {
			jws.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign the credential", ex);
		}
		return jws.serialize();
	}

	/** What checking a compact JWT found. */
	record Checked(Outcome outcome, String detail, String keyId, JsonNode credential, Optional<Instant> validFrom,
			Optional<Instant> validUntil) {

		boolean signatureValid() {
			return outcome != Outcome.MALFORMED && outcome != Outcome.UNKNOWN_KEY && outcome != Outcome.BAD_SIGNATURE;
		}
	}

	enum Outcome {

		/** Signed by the key its header names, and its claims agree with the credential inside. */
		VALID,

		/** Not a compact JWS of the allowed form. */
		MALFORMED,

		/** Signed with a key the issuer never published. */
		UNKNOWN_KEY,

		/** The signature does not verify: the token was changed or signed by somebody else. */
		BAD_SIGNATURE,

		/** The signature verifies, but the JWT claims contradict the credential (§8.2.6.1). */
		CLAIMS_MISMATCH
	}

	/**
	 * Verifies a compact JWT as Open Badges 3.0 §8.2.6 describes: the signature with the key its {@code kid} names,
	 * then the claims against the credential. Nothing about revocation or time: the caller decides those.
	 *
	 * @param keys the issuer's published public keys by {@code kid}
	 */
	static Checked verify(String compact, Function<String, Optional<RSAKey>> keys) {
		if (!canonical(compact)) {
			return new Checked(Outcome.MALFORMED, "not a compact JWS in canonical base64url", null, null,
					Optional.empty(), Optional.empty());
		}
		JWSObject jws;
		try {
			jws = JWSObject.parse(compact);
		}
		catch (ParseException ex) {
			return new Checked(Outcome.MALFORMED, "not a compact JWS: " + ex.getMessage(), null, null,
					Optional.empty(), Optional.empty());
		}
		JWSHeader header = jws.getHeader();
		String kid = header.getKeyID();
		if (!IssuerKeys.ALGORITHM.equals(header.getAlgorithm()) || kid == null
				|| (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType()))
				|| !ALLOWED_HEADERS.containsAll(header.getIncludedParams())) {
			return new Checked(Outcome.MALFORMED, "JOSE header must be alg RS256, kid and typ JWT only", kid, null,
					Optional.empty(), Optional.empty());
		}
		Optional<RSAKey> key = keys.apply(kid);
		if (key.isEmpty()) {
			return new Checked(Outcome.UNKNOWN_KEY, "no published key " + kid, kid, null, Optional.empty(),
					Optional.empty());
		}
		try {
			if (!jws.verify(new RSASSAVerifier(key.get().toRSAPublicKey()))) {
				return new Checked(Outcome.BAD_SIGNATURE, "the signature does not verify with " + kid, kid, null,
						Optional.empty(), Optional.empty());
			}
		}
		catch (JOSEException ex) {
			return new Checked(Outcome.BAD_SIGNATURE, "the signature cannot be checked: " + ex.getMessage(), kid,
					null, Optional.empty(), Optional.empty());
		}
		JsonNode payload;
		try {
			payload = json.readTree(jws.getPayload().toString());
		}
		catch (JacksonException ex) {
			return new Checked(Outcome.MALFORMED, "the payload is not JSON", kid, null, Optional.empty(),
					Optional.empty());
		}
		return checkClaims(payload, kid);
	}

	private static Checked checkClaims(JsonNode payload, String kid) {
		Optional<Instant> validFrom = instant(payload.path("validFrom"));
		Optional<Instant> validUntil = instant(payload.path("validUntil"));
		String mismatch = null;
		if (!payload.path("iss").isString() || !payload.path("iss").stringValue().equals(issuerId(payload))) {
			mismatch = "iss is not the credential's issuer.id";
		}
		else if (!payload.path("jti").isString() || !payload.path("jti").stringValue().equals(payload.path("id").asString(""))) {
			mismatch = "jti is not the credential's id";
		}
		else if (!payload.path("sub").isString()
				|| !payload.path("sub").stringValue().equals(payload.path("credentialSubject").path("id").asString(""))) {
			mismatch = "sub is not the credentialSubject.id";
		}
		else if (validFrom.isEmpty() || !payload.path("nbf").canConvertToLong()
				|| payload.path("nbf").longValue() != validFrom.get().getEpochSecond()) {
			mismatch = "nbf is not the credential's validFrom";
		}
		else if (payload.has("exp") != validUntil.isPresent() || (validUntil.isPresent()
				&& payload.path("exp").longValue(Long.MIN_VALUE) != validUntil.get().getEpochSecond())) {
			mismatch = "exp is not the credential's validUntil";
		}
		return new Checked(mismatch == null ? Outcome.VALID : Outcome.CLAIMS_MISMATCH,
				mismatch == null ? "signature and claims verify" : mismatch, kid, payload, validFrom, validUntil);
	}

	/** The credential without the JWT claims around it. */
	static Map<String, Object> credentialOf(JsonNode payload) {
		@SuppressWarnings("unchecked")
		Map<String, Object> credential = json.treeToValue(payload, LinkedHashMap.class);
		for (String claim : new String[] { "iss", "jti", "sub", "nbf", "exp", "iat" }) {
			credential.remove(claim);
		}
		return credential;
	}

	/** {@code issuer} is a profile object or, as Open Badges allows, just its id. */
	static String issuerId(JsonNode credential) {
		JsonNode issuer = credential.path("issuer");
		return issuer.isString() ? issuer.stringValue() : issuer.path("id").asString("");
	}

	private static Optional<Instant> instant(JsonNode node) {
		if (!node.isString()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Instant.parse(node.stringValue()));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Three parts, each exactly as base64url encodes its bytes. Base64 leaves a few bits of the last character of a
	 * part unused; a token that differs only there decodes to the same bytes, and would otherwise pass as the token
	 * that was issued.
	 */
	private static boolean canonical(String compact) {
		String[] parts = compact.split("\\.", -1);
		if (parts.length != 3) {
			return false;
		}
		for (String part : parts) {
			if (part.isEmpty() || !part.matches("[A-Za-z0-9_-]+")
					|| !Base64URL.encode(new Base64URL(part).decode()).toString().equals(part)) {
				return false;
			}
		}
		return true;
	}
}
