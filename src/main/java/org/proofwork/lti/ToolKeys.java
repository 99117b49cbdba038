package org.proofwork.lti;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.system.ProofworkProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tool's own RSA keys: the one that signs now, and the set published at {@code /.well-known/jwks.json}. Keys are
 * created once and kept in the database (private halves encrypted), so every node and every restart signs with the
 * same key until it is rotated.
 */
@Service
public class ToolKeys {

	private static final Logger log = LoggerFactory.getLogger(ToolKeys.class);

	/** Nodes re-read the keys this often, so a rotation on one node reaches the others quickly. */
	private static final Duration CACHE_FOR = Duration.ofSeconds(60);

	private final ToolSigningKeyRepository keys;

	private final MasterKey masterKey;

	private final KeyProperties properties;

	private final Clock clock;

	private volatile Snapshot snapshot;

	ToolKeys(ToolSigningKeyRepository keys, KeyProperties properties, ProofworkProperties proofwork, Clock clock) {
		this.keys = keys;
		this.masterKey = MasterKey.from(properties, proofwork.dataDir());
		this.properties = properties;
		this.clock = clock;
	}

	/** The private key that signs tokens now. */
	public RSAKey signingKey() {
		return current().signing();
	}

	/** The public keys platforms may see signatures from: the next, the active and recently retired ones. */
	public JWKSet publicKeySet() {
		return current().published();
	}

	/**
	 * Makes sure a key to sign with exists (created on the very first start) and that the stored keys can be
	 * decrypted. This is all a request needs; the next key is {@link #ensureKeys()}'s job, done after start-up:
	 * generating an RSA key costs about a second of CPU, and the next key only signs a rotation period later.
	 */
	@Transactional
	public void ensureSigningKey() {
		keys.lockKeyChanges();
		ensureActive();
		snapshot = null;
	}

	/** Makes sure an active and a next key exist; creates whichever is missing. */
	@Transactional
	public void ensureKeys() {
		keys.lockKeyChanges();
		ensureActive();
		if (keys.findByState(ToolSigningKey.State.NEXT).isEmpty()) {
			ToolSigningKey next = newKey();
			keys.save(next);
			log.info("Created the tool's next signing key, kid {}", next.kid());
		}
		snapshot = null;
	}

	private void ensureActive() {
		ToolSigningKey active = keys.findByState(ToolSigningKey.State.ACTIVE).orElse(null);
		if (active == null) {
			ToolSigningKey first = keys.findByState(ToolSigningKey.State.NEXT).orElseGet(this::newKey);
			first.activate(now());
			keys.save(first);
			log.info("Created the tool's first signing key, kid {}", first.kid());
		}
		else {
			// Fails here, at start-up, rather than at the first launch when the master key is wrong.
			masterKey.decrypt(active.privateJwkCiphertext());
		}
	}

	/**
	 * Puts the next key to work, keeps the old one published until the tokens it signed have expired, and publishes
	 * a new next key.
	 * @return the kid that signs from now on
	 */
	@Transactional
	public String rotate() {
		keys.lockKeyChanges();
		Instant now = now();
		ToolSigningKey active = keys.findByState(ToolSigningKey.State.ACTIVE)
			.orElseThrow(() -> new IllegalStateException("No active key to rotate"));
		ToolSigningKey next = keys.findByState(ToolSigningKey.State.NEXT).orElseGet(this::newKey);
		active.retire(now.plus(properties.maxTokenLifetime()));
		keys.save(active);
		next.activate(now);
		keys.save(next);
		keys.save(newKey());
		snapshot = null;
		log.info("Rotated the tool's signing key from {} to {}; {} stays published until {}", active.kid(),
				next.kid(), active.kid(), now.plus(properties.maxTokenLifetime()));
		return next.kid();
	}

	/** Rotates when the active key has signed for the whole rotation period. */
	@Transactional
	public boolean rotateIfDue() {
		Instant now = now();
		return keys.findByState(ToolSigningKey.State.ACTIVE)
			.filter(active -> !active.activatedAt().plus(properties.rotationPeriod()).isAfter(now))
			.map(active -> rotate() != null)
			.orElse(false);
	}

	private ToolSigningKey newKey() {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
			return ToolSigningKey.next(key.getKeyID(), key.toPublicJWK().toJSONString(),
					masterKey.encrypt(key.toJSONString()), now());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate an RSA key", ex);
		}
	}

	/** The database keeps microseconds (H2 rounds, MySQL truncates): compare what it will store. */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private Snapshot current() {
		Snapshot current = snapshot;
		Instant now = now();
		if (current == null || current.readAt().plus(CACHE_FOR).isBefore(now)) {
			current = load(now);
			snapshot = current;
		}
		return current;
	}

	private Snapshot load(Instant now) {
		List<ToolSigningKey> all = keys.findAllByOrderByCreatedAtDesc();
		ToolSigningKey active = all.stream()
			.filter(key -> key.state() == ToolSigningKey.State.ACTIVE)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The tool has no active signing key"));
		List<JWK> published = all.stream().filter(key -> key.isPublishedAt(now)).map(ToolKeys::parsePublic).toList();
		try {
			return new Snapshot(RSAKey.parse(masterKey.decrypt(active.privateJwkCiphertext())),
					new JWKSet(published), now);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Stored key " + active.kid() + " is not a valid RSA JWK", ex);
		}
	}

	private static JWK parsePublic(ToolSigningKey key) {
		try {
			return JWK.parse(key.publicJwk());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Stored key " + key.kid() + " is not a valid JWK", ex);
		}
	}

	private record Snapshot(RSAKey signing, JWKSet published, Instant readAt) {
	}
}
