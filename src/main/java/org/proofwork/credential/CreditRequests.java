package org.proofwork.credential;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Educators' requests for graduate credit at a university partner: sent with a share link, decided once by the
 * partner's reviewer (accepted with the credits granted, or declined), each with a note the educator reads. Every
 * query of a reviewer names their partner, so one university never sees another's requests.
 */
@Service
class CreditRequests {

	private static final Logger log = LoggerFactory.getLogger(CreditRequests.class);

	static final int MAX_TEXT = 4000;

	private static final BigDecimal MAX_CREDITS = new BigDecimal("99999.99");

	private static final String SELECT = """
			SELECT r.id, r.credential_id, r.partner_id, r.share_token, r.requester_name, r.requester_email, r.message,
			  r.status, r.credits_granted, r.decision_note, r.decided_by, r.requested_at, r.decided_at,
			  c.title, c.definition_id
			FROM credit_request r JOIN credential c ON c.id = r.credential_id
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	CreditRequests(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	enum Status {
		PENDING, ACCEPTED, DECLINED
	}

	/**
	 * @param requesterName the educator's name when they sent it
	 * @param requesterEmail their email, when the LMS gave one
	 * @param creditsGranted what the reviewer granted, when accepted
	 * @param credentialTitle the title of the credential it is for
	 */
	record CreditRequest(String id, String credentialId, String partnerId, String shareToken, String requesterName,
			String requesterEmail, String message, Status status, Optional<BigDecimal> creditsGranted,
			String decisionNote, String decidedBy, Instant requestedAt, Optional<Instant> decidedAt,
			String credentialTitle, String definitionId) {

		public String requestedOn() {
			return Dates.day(requestedAt);
		}

		public String decidedOn() {
			return decidedAt.map(Dates::day).orElse("");
		}

		public String credits() {
			return creditsGranted.map(credits -> credits.stripTrailingZeros().toPlainString()).orElse("");
		}
	}

	/**
	 * @throws UserFacingException 409 when the credential already has an open or accepted request at this partner
	 */
	@Transactional
	CreditRequest send(IssuedCredential credential, CredentialSettings.Partner partner, String shareToken,
			String requesterName, String requesterEmail, String message) {
		String text = message == null ? "" : message.strip();
		if (text.length() > MAX_TEXT) {
			throw new UserFacingException(HttpStatus.BAD_REQUEST, "credential.credit.too-long.title",
					"credential.credit.too-long.advice", "credit request message too long", MAX_TEXT);
		}
		long open = jdbc.sql("""
				SELECT COUNT(*) FROM credit_request
				WHERE credential_id = :credential AND partner_id = :partner AND status IN ('PENDING', 'ACCEPTED')
				""")
			.param("credential", credential.id())
			.param("partner", partner.id())
			.query(Long.class)
			.single();
		if (open > 0) {
			throw new UserFacingException(HttpStatus.CONFLICT, "credential.credit.duplicate.title",
					"credential.credit.duplicate.advice", "credential " + credential.id() + " already at " + partner.id(),
					partner.name());
		}
		String id = UUID.randomUUID().toString();
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO credit_request (id, credential_id, partner_id, share_token, requester_name, requester_email,
				  message, status, requested_at)
				VALUES (:id, :credential, :partner, :token, :name, :email, :message, 'PENDING', :at)
				""")
			.param("id", id)
			.param("credential", credential.id())
			.param("partner", partner.id())
			.param("token", shareToken)
			.param("name", requesterName)
			.param("email", requesterEmail)
			.param("message", text)
			.param("at", Timestamp.from(now))
			.update();
		log.info("Credit request {} for credential {} sent to partner {}", id, credential.id(), partner.id());
		return find(partner.id(), id).orElseThrow();
	}

	List<CreditRequest> ofCredential(String credentialId) {
		return jdbc.sql(SELECT + " WHERE r.credential_id = :credential ORDER BY r.requested_at DESC, r.id")
			.param("credential", credentialId)
			.query(CreditRequests::row)
			.list();
	}

	/** A partner's requests: open ones first (oldest first, as they wait), then decided ones (newest first). */
	List<CreditRequest> ofPartner(String partnerId) {
		return jdbc.sql(SELECT + """
				 WHERE r.partner_id = :partner
				ORDER BY CASE WHEN r.status = 'PENDING' THEN 0 ELSE 1 END,
				  CASE WHEN r.status = 'PENDING' THEN r.requested_at END ASC, r.decided_at DESC, r.id
				""")
			.param("partner", partnerId)
			.query(CreditRequests::row)
			.list();
	}

	Optional<CreditRequest> find(String partnerId, String id) {
		return jdbc.sql(SELECT + " WHERE r.partner_id = :partner AND r.id = :id")
			.param("partner", partnerId)
			.param("id", id)
			.query(CreditRequests::row)
			.optional();
	}

	/**
	 * Records the reviewer's decision, once.
	 * @param credits the credits granted when accepted (ignored when declined)
	 * @throws UserFacingException 404 for another partner's request, 409 when it was decided already, 400 for an
	 * acceptance without credits
	 */
	@Transactional
	CreditRequest decide(String partnerId, String id, boolean accepted, BigDecimal credits, String note,
			String reviewer) {
		CreditRequest request = find(partnerId, id).orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND,
				"credential.credit.missing.title", "credential.credit.missing.advice", "no request " + id + " for "
						+ partnerId));
		String text = note == null ? "" : note.strip();
		if (accepted && (credits == null || credits.signum() <= 0 || credits.compareTo(MAX_CREDITS) > 0)) {
			throw new UserFacingException(HttpStatus.BAD_REQUEST, "credential.credit.credits.title",
					"credential.credit.credits.advice", "acceptance without valid credits: " + credits);
		}
		if (text.length() > MAX_TEXT) {
			throw new UserFacingException(HttpStatus.BAD_REQUEST, "credential.credit.too-long.title",
					"credential.credit.too-long.advice", "decision note too long", MAX_TEXT);
		}
		int changed = jdbc.sql("""
				UPDATE credit_request SET status = :status, credits_granted = :credits, decision_note = :note,
				  decided_by = :by, decided_at = :at
				WHERE id = :id AND partner_id = :partner AND status = 'PENDING'
				""")
			.param("status", (accepted ? Status.ACCEPTED : Status.DECLINED).name())
			.param("credits", accepted ? credits : null)
			.param("note", text)
			.param("by", reviewer)
			.param("at", Timestamp.from(clock.instant()))
			.param("id", id)
			.param("partner", partnerId)
			.update();
		if (changed == 0) {
			throw new UserFacingException(HttpStatus.CONFLICT, "credential.credit.decided.title",
					"credential.credit.decided.advice", "request " + request.id() + " is " + request.status());
		}
		log.info("Credit request {} {} by partner {}", id, accepted ? "accepted" : "declined", partnerId);
		return find(partnerId, id).orElseThrow();
	}

	/** Accepted requests, oldest decision first: what a registrar records. All partners when {@code partnerId} is null. */
	List<CreditRequest> granted(String partnerId) {
		return jdbc.sql(SELECT + " WHERE r.status = 'ACCEPTED'" + (partnerId == null ? "" : " AND r.partner_id = :partner")
				+ " ORDER BY r.decided_at, r.id")
			.params(partnerId == null ? Map.of() : Map.of("partner", partnerId))
			.query(CreditRequests::row)
			.list();
	}

	private static CreditRequest row(ResultSet rs, int row) throws SQLException {
		Timestamp decided = rs.getTimestamp("decided_at");
		return new CreditRequest(rs.getString("id"), rs.getString("credential_id"), rs.getString("partner_id"),
				rs.getString("share_token"), rs.getString("requester_name"), rs.getString("requester_email"),
				rs.getString("message"), Status.valueOf(rs.getString("status")),
				Optional.ofNullable(rs.getBigDecimal("credits_granted")), rs.getString("decision_note"),
				rs.getString("decided_by"), rs.getTimestamp("requested_at").toInstant(),
				Optional.ofNullable(decided).map(Timestamp::toInstant), rs.getString("title"),
				rs.getString("definition_id"));
	}
}
