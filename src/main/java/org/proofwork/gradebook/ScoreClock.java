package org.proofwork.gradebook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Score timestamps that only go forward, per line item and person. Moodle stores whole seconds and answers 409 to a
 * timestamp that is not later than the stored one; Canvas answers 400 to an earlier one. Every score therefore gets
 * {@code max(now, last + 1 s)} in whole seconds, whichever node sends it, from a row locked for the transaction.
 */
@Component
class ScoreClock {

	private final JdbcClient jdbc;

	ScoreClock(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Makes sure the pair has its row, outside any transaction: {@link #next} then locks an existing row by its key,
	 * which on MySQL locks that row only. (Locking a row that does not exist yet locks the gap where it would go, and
	 * two first scores inserting into one gap deadlock.)
	 */
	void prepare(long registrationId, URI lineItem, String userId) {
		try {
			jdbc.sql("""
					INSERT INTO gradebook_score_clock (line_item_key, user_id, registration_id, line_item_url)
					VALUES (:key, :user, :registration, :url)
					""")
				.param("key", key(registrationId, lineItem))
				.param("user", userId)
				.param("registration", registrationId)
				.param("url", lineItem.toString())
				.update();
		}
		catch (DuplicateKeyException ex) {
			// It has one: what this wanted.
		}
	}

	/**
	 * The timestamp of the next score to this line item for this person. Runs in the transaction that decides to
	 * send it, after {@link #prepare}, so the row stays locked until that decision is committed.
	 */
	Instant next(long registrationId, URI lineItem, String userId, Instant now) {
		String key = key(registrationId, lineItem);
		Instant candidate = now.truncatedTo(ChronoUnit.SECONDS);
		LastSent last = jdbc.sql("""
				SELECT last_timestamp FROM gradebook_score_clock
				WHERE line_item_key = :key AND user_id = :user FOR UPDATE
				""")
			.param("key", key)
			.param("user", userId)
			.query((rs, row) -> new LastSent(rs.getTimestamp(1)))
			.optional()
			.orElseThrow(() -> new IllegalStateException("No score clock row for " + lineItem + " and " + userId));
		Instant next = last.timestamp()
			.map(previous -> later(candidate, previous.plusSeconds(1)))
			.orElse(candidate);
		jdbc.sql("""
				UPDATE gradebook_score_clock SET last_timestamp = :timestamp
				WHERE line_item_key = :key AND user_id = :user
				""")
			.param("timestamp", Timestamp.from(next))
			.param("key", key)
			.param("user", userId)
			.update();
		return next;
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	/** The timestamp last sent to a pair; empty before its first score. */
	private record LastSent(Timestamp value) {

		Optional<Instant> timestamp() {
			return Optional.ofNullable(value).map(Timestamp::toInstant);
		}
	}

	/** Line item URLs are too long for a key column: the key is their SHA-256, with the registration. */
	static String key(long registrationId, URI lineItem) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((registrationId + " " + lineItem).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}
}
