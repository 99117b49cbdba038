package org.proofwork.credential;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How earned credentials are issued and who may grant university credit for them.
 *
 * @param issuer the organisation that issues the credentials (Open Badges {@code issuer}): named in every credential
 * and on every verification page. The credential's own maker ("Made by Future Ready Schools") is named separately,
 * as the achievement's creator.
 * @param creditsAvailable credit hours (or credits) an earned credential is worth, by credential id (the catalog's
 * data file name, such as {@code planning-with-purpose-in-community-partnerships}); written into the credential as
 * the achievement's {@code creditsAvailable}. A credential without an entry states no credits.
 * @param validFor how long an issued credential is valid; empty (the default) for credentials that do not expire
 * @param shareValidity how long a share link lives when the educator does not choose an expiry date
 * @param maxShareValidity the longest expiry an educator may choose for a share link
 * @param partners the universities that grant graduate credit for earned credentials; each has its own reviewer
 * sign-in at {@code /partners/login}. None by default.
 */
@ConfigurationProperties("proofwork.credential")
public record CredentialSettings(@DefaultValue Issuer issuer, Map<String, BigDecimal> creditsAvailable,
		Duration validFor, @DefaultValue("P90D") Duration shareValidity,
		@DefaultValue("P365D") Duration maxShareValidity, List<Partner> partners) {

	private static final Pattern PARTNER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

	public CredentialSettings {
		creditsAvailable = creditsAvailable == null ? Map.of() : Map.copyOf(creditsAvailable);
		partners = partners == null ? List.of() : List.copyOf(partners);
		if (validFor != null && (validFor.isNegative() || validFor.isZero())) {
			throw new IllegalArgumentException("proofwork.credential.valid-for must be positive, was " + validFor);
		}
		if (shareValidity.isNegative() || shareValidity.isZero() || maxShareValidity.compareTo(shareValidity) < 0) {
			throw new IllegalArgumentException("proofwork.credential.share-validity must be positive and at most "
					+ "proofwork.credential.max-share-validity");
		}
		Set<String> ids = new HashSet<>();
		Set<String> usernames = new HashSet<>();
		for (Partner partner : partners) {
			if (!ids.add(partner.id())) {
				throw new IllegalArgumentException("proofwork.credential.partners: id '" + partner.id()
						+ "' is used twice");
			}
			if (!usernames.add(partner.reviewerUsername())) {
				throw new IllegalArgumentException("proofwork.credential.partners: reviewer-username '"
						+ partner.reviewerUsername() + "' is used twice; every partner needs its own sign-in");
			}
		}
	}

	Optional<Partner> partner(String id) {
		return partners.stream().filter(partner -> partner.id().equals(id)).findFirst();
	}

	Optional<Partner> partnerOfReviewer(String username) {
		return partners.stream().filter(partner -> partner.reviewerUsername().equals(username)).findFirst();
	}

	Optional<BigDecimal> creditsAvailable(String credentialId) {
		return Optional.ofNullable(creditsAvailable.get(credentialId));
	}

	/**
	 * The issuing organisation's profile, as Open Badges {@code Profile}.
	 *
	 * @param name its name, such as "Proofwork Micro-credentials at Example University"
	 * @param url its web site
	 * @param email where people write about its credentials
	 * @param description one or two sentences about it
	 */
	public record Issuer(@DefaultValue("Proofwork") String name, URI url, String email, String description) {

		public Issuer {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("proofwork.credential.issuer.name must not be empty");
			}
		}
	}

	/**
	 * A university partner that grants graduate credit for earned credentials.
	 *
	 * @param id a short stable id, lower case letters, digits and dashes (requests refer to it)
	 * @param name the university's name as educators see it
	 * @param creditsPerCredential the credits the partner grants per credential, by credential id; a credential
	 * without an entry can still be sent, and the reviewer decides the credits
	 * @param instructions what the educator should know before sending a request (fees, enrolment, deadlines)
	 * @param contact whom to ask at the university (an email address or a web page)
	 * @param reviewerUsername the user name of the partner's reviewer sign-in at {@code /partners/login}
	 * @param reviewerPassword the reviewer's password, preferably a bcrypt hash ({@code {bcrypt}$2a$10$...}); a value
	 * without an {@code {id}} prefix is plain text
	 */
	public record Partner(String id, String name, Map<String, BigDecimal> creditsPerCredential, String instructions,
			String contact, String reviewerUsername, String reviewerPassword) {

		public Partner {
			if (id == null || !PARTNER_ID.matcher(id).matches()) {
				throw new IllegalArgumentException("proofwork.credential.partners[].id must be lower case letters, "
						+ "digits and dashes, was '" + id + "'");
			}
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("proofwork.credential.partners[" + id + "].name must be set");
			}
			if (reviewerUsername == null || reviewerUsername.isBlank() || reviewerPassword == null
					|| reviewerPassword.isBlank()) {
				throw new IllegalArgumentException("proofwork.credential.partners[" + id
						+ "] needs reviewer-username and reviewer-password");
			}
			creditsPerCredential = creditsPerCredential == null ? Map.of() : Map.copyOf(creditsPerCredential);
			instructions = instructions == null ? "" : instructions;
			contact = contact == null ? "" : contact;
		}

		Optional<BigDecimal> credits(String credentialId) {
			return Optional.ofNullable(creditsPerCredential.get(credentialId));
		}

		String encodedPassword() {
			return reviewerPassword.startsWith("{") ? reviewerPassword : "{noop}" + reviewerPassword;
		}

		@Override
		public String toString() {
			// Never the password in a log line.
			return "Partner[" + id + ", " + name + "]";
		}
	}
}
