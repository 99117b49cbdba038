package org.proofwork.devplatform;

import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo LMS's signing key. It lives in memory only and is new at every start: nothing signed by a pretend LMS
 * should survive it, and the tool has to fetch the key set by {@code kid} exactly as it would from a real platform
 * that rotated its key.
 */
@Component
@Profile("dev")
class DemoPlatformKeys {

	private final RSAKey key;

	DemoPlatformKeys() {
		try {
			this.key = new RSAKeyGenerator(2048).keyID("demo-lms-" + UUID.randomUUID())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate the demo LMS's RSA key", ex);
		}
	}

	JWKSet publicKeySet() {
		return new JWKSet(key.toPublicJWK());
	}

	String sign(JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign with the demo LMS's key", ex);
		}
		return jwt.serialize();
	}
}
