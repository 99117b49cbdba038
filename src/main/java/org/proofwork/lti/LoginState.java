package org.proofwork.lti;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A login initiation waiting for its launch. {@code browserBinding} is the SHA-256 of a secret given only to the
 * browser that started the login (as a cookie, or through LTI Platform Storage), so an id_token posted from another
 * browser does not complete it.
 */
@Table("lti_login_state")
record LoginState(@Id String state, String nonce, long registrationId, String targetLinkUri, String browserBinding,
		String storageTarget, String authorizationUrl, String loginParameters, Instant expiresAt) implements Persistable<String> {

	@Override
	public String getId() {
		return state;
	}

	/** Rows are only ever inserted, then deleted: never updated. */
	@Override
	@Transient
	public boolean isNew() {
		return true;
	}

	boolean usesPlatformStorage() {
		return storageTarget != null;
	}
}
