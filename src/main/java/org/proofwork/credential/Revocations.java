package org.proofwork.credential;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.system.UserFacingException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code credential_revocation} table: revoked credentials, why and by whom. A revocation is final. */
@Repository
class Revocations {

	private static final Logger log = LoggerFactory.getLogger(Revocations.class);

	/** Long enough for a clear reason, short enough to read on a verification page. */
	static final int MAX_REASON = 1000;

	private final JdbcClient jdbc;

	private final Clock clock;

	Revocations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @param revokedBy who revoked it, for the record ({@code admin:<name>} or {@code instructor:<registration>:<sub>})
	 * @param reason why, shown to everyone who checks the credential
	 */
	record Revocation(String credentialId, String reason, String revokedBy, Instant revokedAt) {

		public String revokedOn() {
			return Dates.day(revokedAt);
		}
	}

	Optional<Revocation> of(String credentialId) {
		return jdbc.sql("SELECT credential_id, reason, revoked_by, revoked_at FROM credential_revocation "
				+ "WHERE credential_id = :id")
			.param("id", credentialId)
			.query((rs, row) -> new Revocation(rs.getString("credential_id"), rs.getString("reason"),
					rs.getString("revoked_by"), rs.getTimestamp("revoked_at").toInstant()))
			.optional();
	}

	List<Revocation> all() {
		return jdbc.sql("SELECT credential_id, reason, revoked_by, revoked_at FROM credential_revocation "
				+ "ORDER BY revoked_at, credential_id")
			.query((rs, row) -> new Revocation(rs.getString("credential_id"), rs.getString("reason"),
					rs.getString("revoked_by"), rs.getTimestamp("revoked_at").toInstant()))
			.list();
	}

	/**
	 * Revokes a credential for good.
	 * @throws UserFacingException 400 without a reason, 409 when it is revoked already
	 */
	@Transactional
	Revocation revoke(String credentialId, String reason, String revokedBy) {
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty() || why.length() > MAX_REASON) {
			throw new UserFacingException(HttpStatus.BAD_REQUEST, "credential.revoke.reason.title",
					"credential.revoke.reason.advice", "revocation reason missing or too long", MAX_REASON);
		}
		Revocation revocation = new Revocation(credentialId, why, revokedBy, clock.instant());
		try {
			jdbc.sql("INSERT INTO credential_revocation (credential_id, reason, revoked_by, revoked_at) "
					+ "VALUES (:id, :reason, :by, :at)")
				.param("id", credentialId)
				.param("reason", why)
				.param("by", revokedBy)
				.param("at", Timestamp.from(revocation.revokedAt()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new UserFacingException(HttpStatus.CONFLICT, "credential.revoke.already.title",
					"credential.revoke.already.advice", "credential " + credentialId + " is revoked already");
		}
		log.info("Credential {} revoked by {}", credentialId, revokedBy);
		return revocation;
	}
}
