package org.proofwork.credential;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.lti.AdditionalPublishedKeys;
import org.proofwork.lti.KeyProperties;
import org.proofwork.lti.ToolKeys;
import org.proofwork.system.ProofworkProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The credential issuer's RSA key (RS256, the algorithm Open Badges 3.0 requires every verifier to support). It is
 * not the LTI signing key: that one rotates and leaves the key set after an hour, while a credential must verify for
 * as long as it exists. So the issuer key is made once, by whichever node needs it first, and kept; every issuer key
 * ever made stays in {@code credential_issuer_key} (credentials reference it by a foreign key) and in the published
 * key set at {@code /.well-known/jwks.json}.
 * <p>
 * The {@code kid} is a URL ({@code <base-url>/credentials/keys/<uuid>}) that answers with the public key, as Open
 * Badges 3.0 asks of a JOSE header's {@code kid}. The private half is stored encrypted ({@link KeyEncryption}).
 */
@Component
class IssuerKeys implements AdditionalPublishedKeys {

	private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);

	static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;

	private final JdbcClient jdbc;

	private final KeyEncryption encryption;

	private final ProofworkProperties proofwork;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	private volatile RSAKey signing;

	/**
	 * @param toolKeys not used, but made first: it creates the data directory's master key when none is configured,
	 * which {@link KeyEncryption} derives from
	 */
	IssuerKeys(JdbcClient jdbc, KeyProperties keyProperties, ProofworkProperties proofwork, ToolKeys toolKeys,
			PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.encryption = KeyEncryption.from(keyProperties.masterKey(), proofwork.dataDir());
		this.proofwork = proofwork;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * The private key credentials are signed with: the newest issuer key, made (and committed, in a transaction of
	 * its own) on first use. Only a committed key is ever used, so no credential names a key that a rolled-back
	 * transaction took away.
	 */
	RSAKey signingKey() {
		RSAKey known = signing;
		return known != null ? known : firstSigningKey();
	}

	/** Made once per node: the threads of one node wait for the first, other nodes may race it (see below). */
	private synchronized RSAKey firstSigningKey() {
		if (signing != null) {
			return signing;
		}
		RSAKey key;
		try {
			key = ownTransaction.execute(status -> newest().orElseGet(() -> generate(1)));
		}
		catch (DuplicateKeyException ex) {
			// Another node committed the first key while this one made its own. This transaction's snapshot (MySQL's
			// repeatable read) predates that key, so it is read in a new transaction: every node signs with it.
			key = ownTransaction.execute(status -> newest()).orElseThrow(() -> ex);
		}
		signing = key;
		return key;
	}

	/** The public key with this {@code kid}, if it is one of ours. */
	Optional<RSAKey> publicKey(String kid) {
		return jdbc.sql("SELECT public_jwk FROM credential_issuer_key WHERE kid = :kid")
			.param("kid", kid)
			.query(String.class)
			.optional()
			.map(IssuerKeys::parse);
	}

	@Override
	public List<JWK> publicKeys() {
		return jdbc.sql("SELECT public_jwk FROM credential_issuer_key ORDER BY generation")
			.query(String.class)
			.list()
			.stream()
			.map(text -> (JWK) parse(text))
			.toList();
	}

	private Optional<RSAKey> newest() {
		return jdbc.sql("""
				SELECT private_jwk FROM credential_issuer_key
				WHERE generation = (SELECT MAX(generation) FROM credential_issuer_key)
				""")
			.query(String.class)
			.optional()
			.map(stored -> parse(encryption.decrypt(stored)));
	}

	private RSAKey generate(int generation) {
		RSAKey key;
		try {
			key = new RSAKeyGenerator(2048).keyID(proofwork.url("/credentials/keys/" + UUID.randomUUID()).toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(ALGORITHM)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate the credential issuer key", ex);
		}
		// A concurrent first key fails this insert with DuplicateKeyException; signingKey() then reads that one.
		jdbc.sql("""
				INSERT INTO credential_issuer_key (kid, generation, algorithm, public_jwk, private_jwk, created_at)
				VALUES (:kid, :generation, :algorithm, :publicJwk, :privateJwk, :at)
				""")
			.param("kid", key.getKeyID())
			.param("generation", generation)
			.param("algorithm", ALGORITHM.getName())
			.param("publicJwk", key.toPublicJWK().toJSONString())
			.param("privateJwk", encryption.encrypt(key.toJSONString()))
			.param("at", Timestamp.from(clock.instant()))
			.update();
		log.info("Created the credential issuer key {}", key.getKeyID());
		return key;
	}

	private static RSAKey parse(String json) {
		try {
			return RSAKey.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored credential issuer key is not a valid RSA JWK", ex);
		}
	}
}
