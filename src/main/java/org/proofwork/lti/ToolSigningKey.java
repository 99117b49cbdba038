package org.proofwork.lti;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One of the tool's RSA key pairs. A key is first published ({@code NEXT}) so platforms can cache it before it signs
 * anything, then signs ({@code ACTIVE}), then stays published ({@code RETIRED}) until every token it signed has
 * expired.
 */
@Table("tool_signing_key")
class ToolSigningKey {

	enum State {
		NEXT, ACTIVE, RETIRED
	}

	@Id
	private final String kid;

	@Version
	private Integer version;

	private State state;

	private final String publicJwk;

	private final String privateJwkCiphertext;

	private final Instant createdAt;

	private Instant activatedAt;

	private Instant publishedUntil;

	ToolSigningKey(String kid, Integer version, State state, String publicJwk, String privateJwkCiphertext,
			Instant createdAt, Instant activatedAt, Instant publishedUntil) {
		this.kid = kid;
		this.version = version;
		this.state = state;
		this.publicJwk = publicJwk;
		this.privateJwkCiphertext = privateJwkCiphertext;
		this.createdAt = createdAt;
		this.activatedAt = activatedAt;
		this.publishedUntil = publishedUntil;
	}

	static ToolSigningKey next(String kid, String publicJwk, String privateJwkCiphertext, Instant now) {
		return new ToolSigningKey(kid, null, State.NEXT, publicJwk, privateJwkCiphertext, now, null, null);
	}

	void activate(Instant now) {
		if (state != State.NEXT) {
			throw new IllegalStateException("Only the next key can become active, " + kid + " is " + state);
		}
		state = State.ACTIVE;
		activatedAt = now;
	}

	void retire(Instant publishUntil) {
		if (state != State.ACTIVE) {
			throw new IllegalStateException("Only the active key can retire, " + kid + " is " + state);
		}
		state = State.RETIRED;
		publishedUntil = publishUntil;
	}

	boolean isPublishedAt(Instant now) {
		return state != State.RETIRED || publishedUntil.isAfter(now);
	}

	String kid() {
		return kid;
	}

	State state() {
		return state;
	}

	String publicJwk() {
		return publicJwk;
	}

	String privateJwkCiphertext() {
		return privateJwkCiphertext;
	}

	Instant activatedAt() {
		return activatedAt;
	}
}
