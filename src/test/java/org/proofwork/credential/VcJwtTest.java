package org.proofwork.credential;

import java.time.Instant;
import java.util.Optional;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The VC-JWT of a credential verifies with the issuer key the tool publishes at {@code /.well-known/jwks.json}, has
 * the header and claims Open Badges 3.0 asks for, and stops verifying when any character of it is changed.
 */
class VcJwtTest extends CredentialTestSupport {

	@Autowired
	IssuerKeys keys;

	@Test
	void verifiesWithTheKeyPublishedInTheToolsKeySet() throws Exception {
		Earned earned = earn(Person.educator("Key Set"), Place.community());
		SignedJWT jwt = SignedJWT.parse(earned.credential().compactJwt());

		String published = mvc.perform(get("/.well-known/jwks.json")).andReturn().getResponse().getContentAsString();
		JWK key = JWKSet.parse(published).getKeyByKeyId(jwt.getHeader().getKeyID());

		assertThat(key).as("issuer key in the JWKS").isNotNull();
		assertThat(key.isPrivate()).isFalse();
		assertThat(jwt.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
		assertThat(jwt.getHeader().getIncludedParams()).containsExactlyInAnyOrder("alg", "kid", "typ");
	}

	@Test
	void theKidIsAUrlThatAnswersWithThePublicKey() throws Exception {
		Earned earned = earn(Person.educator("Key Url"), Place.community());
		String kid = SignedJWT.parse(earned.credential().compactJwt()).getHeader().getKeyID();

		assertThat(kid).startsWith(BASE + "/credentials/keys/");
		String answer = mvc.perform(get(kid.substring(BASE.length()))).andReturn().getResponse().getContentAsString();
		RSAKey key = RSAKey.parse(answer);
		assertThat(key.isPrivate()).isFalse();
		assertThat(key.getKeyID()).isEqualTo(kid);
	}

	@Test
	void theClaimsRepeatTheCredentialsIssuerIdSubjectAndDates() throws Exception {
		Earned earned = earn(Person.educator("Claims"), Place.community());
		SignedJWT jwt = SignedJWT.parse(earned.credential().compactJwt());
		JsonNode credential = VcJwt.json.readTree(earned.credential().credentialJson());

		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(credential.path("issuer").path("id").asString())
			.isEqualTo(BASE + "/credentials/issuer");
		assertThat(jwt.getJWTClaimsSet().getJWTID()).isEqualTo(credential.path("id").asString());
		assertThat(jwt.getJWTClaimsSet().getSubject())
			.isEqualTo(credential.path("credentialSubject").path("id").asString())
			.startsWith("urn:uuid:");
		assertThat(jwt.getJWTClaimsSet().getNotBeforeTime().toInstant())
			.isEqualTo(Instant.parse(credential.path("validFrom").asString()));
	}

	@Test
	void changingAnyCharacterOfTheTokenMakesItFailVerification() throws Exception {
		Earned earned = earn(Person.educator("Tamper"), Place.community());
		String compact = earned.credential().compactJwt();
		java.util.Map<String, Optional<RSAKey>> published = new java.util.HashMap<>();
		java.util.function.Function<String, Optional<RSAKey>> lookup = kid -> published.computeIfAbsent(kid,
				keys::publicKey);
		assertThat(VcJwt.verify(compact, lookup).outcome()).isEqualTo(VcJwt.Outcome.VALID);

		for (int i = 0; i < compact.length(); i++) {
			char original = compact.charAt(i);
			char changed = original == 'A' ? 'B' : original == '.' ? 'x' : 'A';
			String tampered = compact.substring(0, i) + changed + compact.substring(i + 1);

			assertThat(VcJwt.verify(tampered, lookup).outcome()).as("character %d changed", i)
				.isNotEqualTo(VcJwt.Outcome.VALID);
		}
	}

	@Test
	void aTokenSignedWithAnotherKeyOrUnknownKidIsRefused() throws Exception {
		Earned earned = earn(Person.educator("Other Key"), Place.community());
		String kid = SignedJWT.parse(earned.credential().compactJwt()).getHeader().getKeyID();
		RSAKey stranger = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(kid).generate();
		java.util.Map<String, Object> credential = VcJwt.credentialOf(VcJwt.json.readTree(
				com.nimbusds.jose.JWSObject.parse(earned.credential().compactJwt()).getPayload().toString()));

		String forged = VcJwt.sign(credential, Optional.empty(), stranger);

		assertThat(VcJwt.verify(forged, keys::publicKey).outcome()).isEqualTo(VcJwt.Outcome.BAD_SIGNATURE);
		assertThat(VcJwt.verify(forged, unknown -> Optional.empty()).outcome()).isEqualTo(VcJwt.Outcome.UNKNOWN_KEY);
	}

	@Test
	void theIssuerKeyIsKeptAcrossCredentialsAndItsPrivateHalfIsNotStoredInPlain() throws Exception {
		Earned first = earn(Person.educator("Key One"), Place.community());
		Earned second = earn(Person.educator("Key Two"), Place.community());

		assertThat(first.credential().keyId()).isEqualTo(second.credential().keyId());
		String stored = jdbc.sql("SELECT private_jwk FROM credential_issuer_key WHERE kid = :kid")
			.param("kid", first.credential().keyId())
			.query(String.class)
			.single();
		assertThat(stored).startsWith("v1:").doesNotContain("\"d\"");
	}
}
