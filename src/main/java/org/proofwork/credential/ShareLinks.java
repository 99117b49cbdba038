package org.proofwork.credential;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links an educator gives a university to one credential (and, if they chose, its artifacts read-only). A link is an
 * unguessable token, lives until its expiry date (end of that day, UTC) unless revoked earlier, and every opening is
 * logged. An expired or revoked link shows nothing of the credential.
 */
@Service
class ShareLinks {

	private static final Logger log = LoggerFactory.getLogger(ShareLinks.class);

	private static final SecureRandom random = new SecureRandom();

	static final int MAX_LABEL = 200;

	private final JdbcClient jdbc;

	private final CredentialSettings settings;

	private final Clock clock;

	ShareLinks(JdbcClient jdbc, CredentialSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	/** What a share link opened: the page, the evidence record or one of the artifacts. */
	enum Opened {

		PAGE, RECORD, FILE,

		/** A photo's thumbnail on the page: checked like any opening, not logged (the page's opening was). */
		THUMBNAIL
	}

	/**
	 * @param label whom the educator made it for, as they typed it (may be empty)
	 * @param opens how often it was opened
	 * @param lastOpenedAt when it was last opened, if ever
	 */
	record ShareLink(String token, String credentialId, String label, boolean includeArtifacts, Instant createdAt,
			Instant expiresAt, Optional<Instant> revokedAt, long opens, Optional<Instant> lastOpenedAt) {

		public boolean activeAt(Instant now) {
			return revokedAt.isEmpty() && now.isBefore(expiresAt);
		}

		/** The last day it opens, as the educator chose it. */
		public String expiresOn() {
			return Dates.day(expiresAt.minusSeconds(1));
		}

		public String lastOpened() {
			return lastOpenedAt.map(Dates::minute).orElse("");
		}
	}

	boolean active(ShareLink link) {
		return link.activeAt(clock.instant());
	}

	LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	/** The last expiry date an educator may choose today. */
	LocalDate latestExpiry() {
		return LocalDate.ofInstant(clock.instant().plus(settings.maxShareValidity()), ZoneOffset.UTC);
	}

	/** The expiry date a new link gets unless the educator picks another. */
	LocalDate defaultExpiry() {
		return LocalDate.ofInstant(clock.instant().plus(settings.shareValidity()), ZoneOffset.UTC);
	}

	/**
	 * @param expiresOn the last day the link opens; today at the earliest, {@code max-share-validity} away at most
	 * @throws UserFacingException 400 for an expiry outside that range or a label too long
	 */
	@Transactional
	ShareLink create(String credentialId, String label, LocalDate expiresOn, boolean includeArtifacts) {
		Instant now = clock.instant();
		LocalDate today = today();
		LocalDate latest = latestExpiry();
		LocalDate expiry = expiresOn == null ? defaultExpiry() : expiresOn;
		if (expiry.isBefore(today) || expiry.isAfter(latest)) {
			throw new UserFacingException(HttpStatus.BAD_REQUEST, "credential.share.expiry.title",
					"credential.share.expiry.advice", "share expiry " + expiry + " outside " + today + ".." + latest,
					today.toString(), latest.toString());
		}
		String name = label == null ? "" : label.strip();
		if (name.length() > MAX_LABEL) {
			throw new UserFacingException(HttpStatus.BAD_REQUEST, "credential.share.label.title",
					"credential.share.label.advice", "share label too long", MAX_LABEL);
		}
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant expiresAt = expiry.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		jdbc.sql("""
				INSERT INTO credential_share (token, credential_id, label, include_artifacts, created_at, expires_at)
				VALUES (:token, :credential, :label, :artifacts, :created, :expires)
				""")
			.param("token", token)
			.param("credential", credentialId)
			.param("label", name)
			.param("artifacts", includeArtifacts)
			.param("created", Timestamp.from(now))
			.param("expires", Timestamp.from(expiresAt))
			.update();
		log.info("Share link created for credential {} until {} (artifacts: {})", credentialId, expiry,
				includeArtifacts);
		return new ShareLink(token, credentialId, name, includeArtifacts, now, expiresAt, Optional.empty(), 0,
				Optional.empty());
	}

	/** A credential's share links, newest first, with how often each was opened. */
	List<ShareLink> of(String credentialId) {
		return jdbc.sql("""
				SELECT s.token, s.credential_id, s.label, s.include_artifacts, s.created_at, s.expires_at, s.revoked_at,
				  (SELECT COUNT(*) FROM credential_share_open o WHERE o.token = s.token AND o.what = 'PAGE') AS opens,
				  (SELECT MAX(o.opened_at) FROM credential_share_open o WHERE o.token = s.token) AS last_opened
				FROM credential_share s WHERE s.credential_id = :credential
				ORDER BY s.created_at DESC, s.token
				""")
			.param("credential", credentialId)
			.query(ShareLinks::row)
			.list();
	}

	Optional<ShareLink> find(String token) {
		return jdbc.sql("""
				SELECT s.token, s.credential_id, s.label, s.include_artifacts, s.created_at, s.expires_at, s.revoked_at,
				  (SELECT COUNT(*) FROM credential_share_open o WHERE o.token = s.token AND o.what = 'PAGE') AS opens,
				  (SELECT MAX(o.opened_at) FROM credential_share_open o WHERE o.token = s.token) AS last_opened
				FROM credential_share s WHERE s.token = :token
				""")
			.param("token", token)
			.query(ShareLinks::row)
			.optional();
	}

	/** Revokes one of the credential's links; a link of another credential is not found. */
	@Transactional
	void revoke(String credentialId, String token) {
		int changed = jdbc.sql("""
				UPDATE credential_share SET revoked_at = :now
				WHERE token = :token AND credential_id = :credential AND revoked_at IS NULL
				""")
			.param("now", Timestamp.from(clock.instant()))
			.param("token", token)
			.param("credential", credentialId)
			.update();
		if (changed == 0 && find(token).filter(link -> link.credentialId().equals(credentialId)).isEmpty()) {
			throw missing(token);
		}
		log.info("Share link of credential {} revoked", credentialId);
	}

	/**
	 * The link, if it is live, with this opening logged.
	 * @param remoteAddress the visitor's address, kept only as a truncated hash of its network
	 * @throws UserFacingException 404 for an unknown token, 410 for an expired or revoked link
	 */
	@Transactional
	ShareLink open(String token, Opened what, String remoteAddress) {
		ShareLink link = find(token).orElseThrow(() -> missing(token));
		Instant now = clock.instant();
		if (link.revokedAt().isPresent()) {
			throw new UserFacingException(HttpStatus.GONE, "credential.share.revoked.title",
					"credential.share.revoked.advice", "share link revoked");
		}
		if (!link.activeAt(now)) {
			throw new UserFacingException(HttpStatus.GONE, "credential.share.expired.title",
					"credential.share.expired.advice", "share link expired on " + link.expiresOn(), link.expiresOn());
		}
		if (what != Opened.THUMBNAIL) {
			jdbc.sql("INSERT INTO credential_share_open (token, opened_at, what, visitor) "
					+ "VALUES (:token, :at, :what, :visitor)")
				.param("token", token)
				.param("at", Timestamp.from(now))
				.param("what", what.name())
				.param("visitor", visitor(token, remoteAddress))
				.update();
		}
		return link;
	}

	/**
	 * Tells visitors apart without keeping their address: the network part only (IPv4 /24, IPv6 /48), hashed with the
	 * link's token (so the same network gives different values on different links), 16 hex digits of it.
	 */
	static String visitor(String token, String remoteAddress) {
		byte[] network = new byte[0];
		// Only a literal address: a host name would make getByName ask DNS.
		if (remoteAddress != null && remoteAddress.matches("[0-9A-Fa-f:.]{2,45}")) {
			try {
				byte[] address = InetAddress.getByName(remoteAddress).getAddress();
				network = Arrays.copyOf(address, address.length == 4 ? 3 : 6);
			}
			catch (UnknownHostException ex) {
				// Not an address after all: every such visitor counts as one.
			}
		}
		byte[] salted = (token + ":" + HexFormat.of().formatHex(network)).getBytes(StandardCharsets.UTF_8);
		return HexFormat.of().formatHex(OpenBadge.sha256(salted)).substring(0, 16);
	}

	private static UserFacingException missing(String token) {
		return new UserFacingException(HttpStatus.NOT_FOUND, "credential.share.missing.title",
				"credential.share.missing.advice", "no share link " + (token.length() > 6 ? token.substring(0, 6) : token)
						+ "...");
	}

	private static ShareLink row(ResultSet rs, int row) throws SQLException {
		Timestamp revoked = rs.getTimestamp("revoked_at");
		Timestamp lastOpened = rs.getTimestamp("last_opened");
		return new ShareLink(rs.getString("token"), rs.getString("credential_id"), rs.getString("label"),
				rs.getBoolean("include_artifacts"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant(), Optional.ofNullable(revoked).map(Timestamp::toInstant),
				rs.getLong("opens"), Optional.ofNullable(lastOpened).map(Timestamp::toInstant));
	}
}
