package org.proofwork.credential;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.catalog.EarningRule;
import org.proofwork.catalog.RubricComponent;
import org.proofwork.catalog.RubricLevel;

/**
 * An Open Badges 3.0 {@code OpenBadgeCredential} (W3C Verifiable Credentials Data Model 2.0) as a JSON object, built
 * from the credential definition, the decision and the evidence. Property order is fixed so the JSON people download
 * reads top-down: who issued what to whom, then how it was earned.
 * <p>
 * Privacy: the earner is named by a random {@code urn:uuid} and salted SHA-256 hashes of their email (when the LMS
 * shared it) and LTI user id, with a fresh salt per credential, so two credentials of the same person cannot be linked
 * and nothing in the credential gives their email away; a verifier who is told the email can check it.
 */
final class OpenBadge {

	static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";

	static final String OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

	/** Defines the 1EdTech terms used here: {@code 1EdTechRevocationList}, {@code 1EdTechJsonSchemaValidator2019}. */
	static final String OB_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";

	static final String SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

	/** Seconds, as JWT {@code nbf}/{@code exp} carry them: {@code validFrom} must equal {@code nbf} exactly. */
	static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_INSTANT;

	private OpenBadge() {
	}

	/**
	 * What the credential says.
	 *
	 * @param id the credential's URL ({@code <base>/credentials/<uuid>})
	 * @param issuer the issuing organisation's profile
	 * @param subjectId the earner's random {@code urn:uuid}
	 * @param earner who earned it, only ever hashed into the credential
	 * @param levels the level reached per rubric component id
	 * @param evidence the submitted files, by their hashes
	 * @param issuedAt when it is issued ({@code validFrom}), whole seconds
	 * @param validUntil when it expires, whole seconds, if it does
	 * @param awardedAt when the assessors decided it was earned
	 */
	record Claims(URI id, Issuer issuer, String subjectId, Earner earner, CredentialDefinition definition,
			URI achievementId, Map<String, String> levels, Optional<BigDecimal> creditsAvailable,
			List<EvidenceItem> evidence, Instant issuedAt, Optional<Instant> validUntil, Instant awardedAt,
			URI revocationList) {
	}

	/** The issuing organisation: its profile's URL and what configuration says about it. */
	record Issuer(URI id, String name, URI url, String email, String description) {
	}

	/**
	 * @param email the earner's email as the LMS gave it, or null
	 * @param ltiUserId the earner's LTI {@code sub}
	 * @param salt the credential's own salt for the identity hashes
	 */
	record Earner(String email, String ltiUserId, String salt) {
	}

	/**
	 * A submitted file, named and hashed; the file itself stays in the tool.
	 *
	 * @param artifact the title of the part or artifact it was submitted for
	 * @param sha256 the hex SHA-256 of the file's stored bytes
	 * @param kind what kind of file it is (photo, document, video)
	 */
	record EvidenceItem(String artifact, String fileName, String sha256, String kind) {
	}

	static Map<String, Object> credential(Claims claims) {
		Map<String, Object> credential = new LinkedHashMap<>();
		credential.put("@context", List.of(VC_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT));
		credential.put("id", claims.id().toString());
		credential.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
		credential.put("name", claims.definition().title());
		credential.put("description", claims.definition().competency());
		credential.put("issuer", issuer(claims.issuer()));
		credential.put("validFrom", DATE_TIME.format(claims.issuedAt().truncatedTo(ChronoUnit.SECONDS)));
		claims.validUntil()
			.ifPresent(until -> credential.put("validUntil", DATE_TIME.format(until.truncatedTo(ChronoUnit.SECONDS))));
		credential.put("awardedDate", DATE_TIME.format(claims.awardedAt().truncatedTo(ChronoUnit.SECONDS)));
		credential.put("credentialSubject", subject(claims));
		if (!claims.evidence().isEmpty()) {
			credential.put("evidence", claims.evidence().stream().map(OpenBadge::evidence).toList());
		}
		credential.put("credentialSchema", List.of(idAndType(SCHEMA, "1EdTechJsonSchemaValidator2019")));
		credential.put("credentialStatus", idAndType(claims.revocationList().toString(), "1EdTechRevocationList"));
		return credential;
	}

	private static Map<String, Object> issuer(Issuer issuer) {
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("id", issuer.id().toString());
		profile.put("type", List.of("Profile"));
		profile.put("name", issuer.name());
		if (issuer.url() != null) {
			profile.put("url", issuer.url().toString());
		}
		if (issuer.email() != null && !issuer.email().isBlank()) {
			profile.put("email", issuer.email());
		}
		if (issuer.description() != null && !issuer.description().isBlank()) {
			profile.put("description", issuer.description());
		}
		return profile;
	}

	/** The issuer's profile as its own document, at its {@code id}. */
	static Map<String, Object> issuerProfile(Issuer issuer) {
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("@context", List.of(VC_CONTEXT, OB_CONTEXT));
		profile.putAll(issuer(issuer));
		return profile;
	}

	private static Map<String, Object> subject(Claims claims) {
		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("id", claims.subjectId());
		subject.put("type", List.of("AchievementSubject"));
		List<Map<String, Object>> identifiers = new ArrayList<>();
		Earner earner = claims.earner();
		if (earner.email() != null && !earner.email().isBlank()) {
			identifiers.add(identity("emailAddress", normalisedEmail(earner.email()), earner.salt()));
		}
		identifiers.add(identity("ltiUserId", earner.ltiUserId(), earner.salt()));
		subject.put("identifier", identifiers);
		subject.put("achievement", achievement(claims.achievementId(), claims.definition(), claims.creditsAvailable()));
		subject.put("result", results(claims.achievementId(), claims.definition(), claims.levels()));
		return subject;
	}

	private static Map<String, Object> identity(String type, String value, String salt) {
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("type", "IdentityObject");
		identity.put("hashed", true);
		identity.put("identityHash", identityHash(value, salt));
		identity.put("identityType", type);
		identity.put("salt", salt);
		return identity;
	}

	/** Open Badges' IdentityHash: {@code sha256$} and the hex SHA-256 of the identifier followed by the salt. */
	static String identityHash(String identifier, String salt) {
		return "sha256$" + HexFormat.of().formatHex(sha256((identifier + salt).getBytes(StandardCharsets.UTF_8)));
	}

	/** Emails are hashed trimmed and in lower case, so a verifier who types one differently still matches. */
	static String normalisedEmail(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	/** The achievement: what the credential certifies, the criteria and the rubric, as the definition words them. */
	static Map<String, Object> achievement(URI id, CredentialDefinition definition, Optional<BigDecimal> credits) {
		Map<String, Object> achievement = new LinkedHashMap<>();
		achievement.put("id", id.toString());
		achievement.put("type", List.of("Achievement"));
		achievement.put("achievementType", "MicroCredential");
		achievement.put("name", definition.title());
		achievement.put("description", definition.competency());
		achievement.put("criteria", new LinkedHashMap<>(Map.of("narrative", criteria(definition))));
		if (definition.hasIssuer()) {
			Map<String, Object> creator = new LinkedHashMap<>();
			creator.put("id", id + "#creator");
			creator.put("type", List.of("Profile"));
			creator.put("name", creatorName(definition.issuer()));
			achievement.put("creator", creator);
		}
		credits.ifPresent(value -> achievement.put("creditsAvailable", value));
		achievement.put("resultDescription", resultDescriptions(id, definition));
		achievement.put("inLanguage", "en");
		return achievement;
	}

	/** "Made by Future Ready Schools" names the maker as "Future Ready Schools". */
	static String creatorName(String issuer) {
		String name = issuer.strip();
		return name.regionMatches(true, 0, "Made by ", 0, 8) ? name.substring(8).strip() : name;
	}

	/** The earning criteria in the credential's words, then the rubric, as Markdown (which the narrative allows). */
	private static String criteria(CredentialDefinition definition) {
		StringBuilder text = new StringBuilder(definition.earning().text().strip());
		text.append("\n\n## Key method\n\n").append(definition.keyMethod().strip());
		text.append("\n\n## Rubric\n");
		for (RubricComponent component : definition.rubric().components()) {
			text.append("\n### ").append(component.title()).append('\n');
			for (RubricLevel level : component.levels()) {
				text.append("\n- **").append(level.label()).append("**");
				if (level.hasDescriptor()) {
					text.append(": ").append(level.descriptor().strip().replace("\n\n", " ").replace('\n', ' '));
				}
			}
			text.append('\n');
		}
		return text.toString().strip();
	}

	private static List<Map<String, Object>> resultDescriptions(URI achievementId, CredentialDefinition definition) {
		Map<String, String> required = requiredLevels(definition.earningRule());
		List<Map<String, Object>> descriptions = new ArrayList<>();
		for (RubricComponent component : definition.rubric().components()) {
			Map<String, Object> description = new LinkedHashMap<>();
			description.put("id", componentId(achievementId, component.id()));
			description.put("type", List.of("ResultDescription"));
			description.put("name", component.title());
			description.put("resultType", "RubricCriterionLevel");
			description.put("allowedValue", component.levels().stream().map(RubricLevel::label).toList());
			if (required.containsKey(component.id())) {
				description.put("requiredLevel", levelId(achievementId, component.id(), required.get(component.id())));
			}
			List<Map<String, Object>> levels = new ArrayList<>();
			for (RubricLevel level : component.levels()) {
				Map<String, Object> criterionLevel = new LinkedHashMap<>();
				criterionLevel.put("id", levelId(achievementId, component.id(), level.id()));
				criterionLevel.put("type", List.of("RubricCriterionLevel"));
				criterionLevel.put("name", level.label());
				criterionLevel.put("level", level.label());
				if (level.hasDescriptor()) {
					criterionLevel.put("description", level.descriptor());
				}
				levels.add(criterionLevel);
			}
			description.put("rubricCriterionLevel", levels);
			descriptions.add(description);
		}
		return descriptions;
	}

	/**
	 * The lowest level each component must reach, where the earning rule says so plainly (an {@code atLeast}, alone
	 * or in an {@code all}); a component that is only one of alternatives ({@code any}) has no single required level.
	 */
	static Map<String, String> requiredLevels(EarningRule rule) {
		Map<String, String> required = new LinkedHashMap<>();
		if (rule instanceof EarningRule.AtLeast atLeast) {
			required.put(atLeast.component(), atLeast.level());
		}
		else if (rule instanceof EarningRule.All all) {
			all.rules().forEach(inner -> required.putAll(requiredLevels(inner)));
		}
		return required;
	}

	private static List<Map<String, Object>> results(URI achievementId, CredentialDefinition definition,
			Map<String, String> levels) {
		List<Map<String, Object>> results = new ArrayList<>();
		for (RubricComponent component : definition.rubric().components()) {
			String level = levels.get(component.id());
			if (level == null) {
				continue;
			}
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("type", List.of("Result"));
			result.put("resultDescription", componentId(achievementId, component.id()));
			result.put("achievedLevel", levelId(achievementId, component.id(), level));
			results.add(result);
		}
		return results;
	}

	static String componentId(URI achievementId, String componentId) {
		return achievementId + "#rubric-" + componentId;
	}

	static String levelId(URI achievementId, String componentId, String levelId) {
		return achievementId + "#rubric-" + componentId + "-" + levelId;
	}

	/**
	 * A file as evidence: its {@code id} names the bytes by their hash (an RFC 6920 {@code ni:} URI), so anyone
	 * holding the file can check it is the one that was assessed; the file itself is not in the credential.
	 */
	private static Map<String, Object> evidence(EvidenceItem item) {
		byte[] hash = HexFormat.of().parseHex(item.sha256());
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("id", "ni:///sha-256;" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
		evidence.put("type", List.of("Evidence"));
		evidence.put("name", item.artifact() + ": " + item.fileName());
		evidence.put("description", "SHA-256 " + item.sha256());
		evidence.put("genre", item.kind());
		return evidence;
	}

	private static Map<String, Object> idAndType(String id, String type) {
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("id", id);
		object.put("type", type);
		return object;
	}

	static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}
}
