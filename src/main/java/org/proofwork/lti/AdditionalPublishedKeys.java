package org.proofwork.lti;

import java.util.List;

import com.nimbusds.jose.jwk.JWK;

/**
 * Public keys other modules sign with and want published in the tool's key set at {@code /.well-known/jwks.json}
 * (the credential issuer's keys, which must stay verifiable for as long as the credentials they signed).
 */
public interface AdditionalPublishedKeys {

	/** Public keys only, each with its {@code kid}. */
	List<JWK> publicKeys();
}
