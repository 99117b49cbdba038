package org.proofwork.review;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The opaque code assessors see instead of a name, such as {@code E-7K2QX9}: an HMAC of the workspace id under a
 * secret kept in the database, so the code is the same on every page and node, yet nobody can work out from it (or
 * from a list of workspace ids) whose submission it is.
 */
@Component
class BlindCodes {

	/** Crockford's base 32: no I, L, O or U, so a code read aloud or typed is not mistaken. */
	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final int LENGTH = 6;

	private static final int KEY_ROW = 1;

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile byte[] key;

	BlindCodes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	String of(String workspaceId) {
		byte[] mac = hmac(workspaceId);
		StringBuilder code = new StringBuilder("E-");
		long bits = 0;
		for (int i = 0; i < 5; i++) {
			bits = (bits << 8) | (mac[i] & 0xff);
		}
		// 40 bits give 8 symbols; the first 6 (30 bits) keep codes short and still tell a course's submissions apart.
		for (int i = 0; i < LENGTH; i++) {
			code.append(ALPHABET[(int) ((bits >>> (35 - 5 * i)) & 31)]);
		}
		return code.toString();
	}

	private byte[] hmac(String workspaceId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			return mac.doFinal(workspaceId.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

	private byte[] key() {
		byte[] known = key;
		if (known == null) {
			known = Base64.getDecoder().decode(stored().orElseGet(this::generate));
			key = known;
		}
		return known;
	}

	private Optional<String> stored() {
		return jdbc.sql("SELECT secret FROM review_blind_key WHERE id = :id").param("id", KEY_ROW)
			.query(String.class)
			.optional();
	}

	private String generate() {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		String encoded = Base64.getEncoder().encodeToString(secret);
		try {
			jdbc.sql("INSERT INTO review_blind_key (id, secret, created_at) VALUES (:id, :secret, :now)")
				.param("id", KEY_ROW)
				.param("secret", encoded)
				.param("now", Timestamp.from(clock.instant()))
				.update();
			return encoded;
		}
		catch (DuplicateKeyException ex) {
			// Another node generated it first: every node must use the same key, so theirs wins.
			return stored().orElseThrow(() -> ex);
		}
	}
}
