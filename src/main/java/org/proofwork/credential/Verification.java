package org.proofwork.credential;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.proofwork.credential.Revocations.Revocation;
import org.proofwork.system.ProofworkProperties;
import org.springframework.stereotype.Service;

/**
 * Checks a credential live, every time somebody looks: the stored compact JWT's signature with the published issuer
 * key, its claims against the credential, its validity period and whether it has been revoked. Pages and the JSON
 * answer for programs show the same report.
 */
@Service
class Verification {

	private final IssuerKeys keys;

	private final Revocations revocations;

	private final ProofworkProperties proofwork;

	private final Clock clock;

	Verification(IssuerKeys keys, Revocations revocations, ProofworkProperties proofwork, Clock clock) {
		this.keys = keys;
		this.revocations = revocations;
		this.proofwork = proofwork;
		this.clock = clock;
	}

	enum Status {

		/** Signed by the issuer, unchanged, valid now and not revoked. */
		VERIFIED,

		/** Genuine, but the issuer revoked it. */
		REVOKED,

		/** Genuine, but past its {@code validUntil}. */
		EXPIRED,

		/** Genuine, but its {@code validFrom} is still to come. */
		NOT_YET_VALID,

		/** The signature or its claims do not verify: do not trust what it says. */
		INVALID
	}

	/**
	 * @param name {@code signature}, {@code claims}, {@code validity} or {@code revocation}
	 * @param detail what was found, in English, for programs and support
	 */
	record Check(String name, boolean passed, String detail) {
	}

	/**
	 * @param document what the credential says: the signed payload when the signature verifies, else what was stored
	 * (shown marked as not verified)
	 */
	record Report(String credentialId, Status status, List<Check> checks, Optional<Revocation> revocation,
			String keyId, Instant checkedAt, CredentialDocument document) {

		public boolean verified() {
			return status == Status.VERIFIED;
		}

		public String checkedAtText() {
			return Dates.minute(checkedAt);
		}
	}

	Report verify(IssuedCredential credential) {
		Instant now = clock.instant();
		VcJwt.Checked checked = VcJwt.verify(credential.compactJwt(), keys::publicKey);
		List<Check> checks = new ArrayList<>();
		checks.add(new Check("signature", checked.signatureValid(), checked.signatureValid()
				? "RS256 signature verifies with the published key " + checked.keyId() : checked.detail()));
		checks.add(claimsCheck(credential, checked));
		boolean genuine = checks.stream().allMatch(Check::passed);
		boolean started = checked.validFrom().map(from -> !from.isAfter(now)).orElse(false);
		boolean notExpired = checked.validUntil().map(until -> until.isAfter(now)).orElse(true);
		checks.add(new Check("validity", genuine && started && notExpired, validityDetail(checked, genuine, started,
				notExpired)));
		Optional<Revocation> revocation = revocations.of(credential.id());
		checks.add(new Check("revocation", revocation.isEmpty(),
				revocation.map(r -> "revoked on " + r.revokedAt() + ": " + r.reason()).orElse("not revoked")));

		Status status = !genuine ? Status.INVALID : revocation.isPresent() ? Status.REVOKED
				: !started ? Status.NOT_YET_VALID : !notExpired ? Status.EXPIRED : Status.VERIFIED;
		CredentialDocument document = CredentialDocument.of(checked.signatureValid() && checked.credential() != null
				? checked.credential() : VcJwt.json.readTree(credential.credentialJson()));
		return new Report(credential.id(), status, List.copyOf(checks), revocation, checked.keyId(), now, document);
	}

	/**
	 * The claims agree with the credential, and the signed credential is the one with this id, not another one's
	 * token stored in its place. Only the path is compared: a tool that moved to a new address still vouches for the
	 * credentials it issued under the old one.
	 */
	private static Check claimsCheck(IssuedCredential credential, VcJwt.Checked checked) {
		if (checked.outcome() != VcJwt.Outcome.VALID) {
			return new Check("claims", false, checked.signatureValid() ? checked.detail() : "not checked");
		}
		String path = "/credentials/" + credential.id();
		boolean ours = checked.credential().path("id").asString("").endsWith(path);
		return new Check("claims", ours, ours ? "iss, jti, sub, nbf and exp agree with the credential"
				: "the signed credential's id does not end in " + path);
	}

	private static String validityDetail(VcJwt.Checked checked, boolean genuine, boolean started, boolean notExpired) {
		if (!genuine) {
			return "not checked";
		}
		if (!started) {
			return "valid from " + checked.validFrom().map(Instant::toString).orElse("(none)");
		}
		if (!notExpired) {
			return "expired " + checked.validUntil().orElseThrow();
		}
		return checked.validUntil().map(until -> "valid until " + until).orElse("does not expire");
	}

	/** The report as programs get it from {@code /credentials/{id}/verification}. */
	Map<String, Object> asJson(Report report) {
		Map<String, Object> answer = new LinkedHashMap<>();
		CredentialDocument document = report.document();
		answer.put("id", proofwork.url("/credentials/" + report.credentialId()).toString());
		answer.put("status", report.status().name());
		answer.put("verified", report.verified());
		answer.put("checkedAt", report.checkedAt().toString());
		answer.put("checks", report.checks().stream().map(check -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("check", check.name());
			entry.put("passed", check.passed());
			entry.put("detail", check.detail());
			return entry;
		}).toList());
		report.revocation().ifPresent(revocation -> {
			Map<String, Object> revoked = new LinkedHashMap<>();
			revoked.put("revokedAt", revocation.revokedAt().toString());
			revoked.put("reason", revocation.reason());
			answer.put("revocation", revoked);
		});
		answer.put("keyId", report.keyId());
		answer.put("keySet", proofwork.url("/.well-known/jwks.json").toString());
		answer.put("issuer", document.issuerName());
		answer.put("achievement", document.name());
		answer.put("awardedDate", document.awardedOn());
		answer.put("validFrom", document.validFrom());
		if (!document.validUntil().isEmpty()) {
			answer.put("validUntil", document.validUntil());
		}
		answer.put("results", document.results().stream().map(result -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("component", result.component());
			entry.put("level", result.level());
			if (!result.requiredLevel().isEmpty()) {
				entry.put("requiredLevel", result.requiredLevel());
			}
			return entry;
		}).toList());
		answer.put("evidence", document.evidence().stream().map(item -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", item.name());
			entry.put("sha256", item.sha256());
			return entry;
		}).toList());
		answer.put("credential", proofwork.url("/credentials/" + report.credentialId() + "/credential.json").toString());
		answer.put("credentialJwt", proofwork.url("/credentials/" + report.credentialId() + "/credential.jwt").toString());
		return answer;
	}
}
