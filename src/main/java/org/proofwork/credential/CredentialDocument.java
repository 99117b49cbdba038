package org.proofwork.credential;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What a credential says, read back from its JSON for pages, the evidence record and the verification answer: so
 * people see what was signed, not a second copy of it.
 *
 * @param results the level reached per rubric component, in the rubric's order
 * @param evidence the files assessed, by name and hash
 */
record CredentialDocument(String id, String name, String description, String issuerName, String issuerUrl,
		String issuerEmail, String creatorName, String criteria, String awardedOn, String validFrom, String validUntil,
		String creditsAvailable, List<ComponentResult> results, List<EvidenceEntry> evidence) {

	/**
	 * @param component the rubric component's title
	 * @param level the label of the level reached
	 * @param requiredLevel the label of the lowest level the earning rule asks for, empty when it names none
	 * @param descriptor what the level reached looks like, in the rubric's words
	 */
	record ComponentResult(String component, String level, String requiredLevel, String descriptor) {
	}

	/** @param genre photo, document or video */
	record EvidenceEntry(String name, String sha256, String genre) {
	}

	static CredentialDocument of(JsonNode credential) {
		JsonNode issuer = credential.path("issuer");
		JsonNode achievement = credential.path("credentialSubject").path("achievement");
		Map<String, JsonNode> descriptions = new HashMap<>();
		Map<String, JsonNode> levels = new HashMap<>();
		for (JsonNode description : achievement.path("resultDescription")) {
			descriptions.put(description.path("id").asString(""), description);
			for (JsonNode level : description.path("rubricCriterionLevel")) {
				levels.put(level.path("id").asString(""), level);
			}
		}
		List<ComponentResult> results = new ArrayList<>();
		for (JsonNode result : credential.path("credentialSubject").path("result")) {
			JsonNode description = descriptions.get(result.path("resultDescription").asString(""));
			JsonNode level = levels.get(result.path("achievedLevel").asString(""));
			JsonNode required = description == null ? null : levels.get(description.path("requiredLevel").asString(""));
			results.add(new ComponentResult(description == null ? result.path("resultDescription").asString("")
					: description.path("name").asString(""),
					level == null ? result.path("achievedLevel").asString("") : level.path("name").asString(""),
					required == null ? "" : required.path("name").asString(""),
					level == null ? "" : level.path("description").asString("")));
		}
		List<EvidenceEntry> evidence = new ArrayList<>();
		for (JsonNode item : credential.path("evidence")) {
			String description = item.path("description").asString("");
			evidence.add(new EvidenceEntry(item.path("name").asString(""),
					description.startsWith("SHA-256 ") ? description.substring(8) : description,
					item.path("genre").asString("")));
		}
		JsonNode credits = achievement.path("creditsAvailable");
		return new CredentialDocument(credential.path("id").asString(""), credential.path("name").asString(""),
				credential.path("description").asString(""),
				issuer.isString() ? issuer.stringValue() : issuer.path("name").asString(""),
				issuer.path("url").asString(""), issuer.path("email").asString(""),
				achievement.path("creator").path("name").asString(""),
				achievement.path("criteria").path("narrative").asString(""),
				day(credential.path("awardedDate")), day(credential.path("validFrom")),
				day(credential.path("validUntil")), credits.isNumber() ? credits.decimalValue().stripTrailingZeros()
					.toPlainString() : "",
				results, evidence);
	}

	private static String day(JsonNode node) {
		if (!node.isString()) {
			return "";
		}
		try {
			return Dates.day(Instant.parse(node.stringValue()));
		}
		catch (DateTimeParseException ex) {
			return node.stringValue();
		}
	}
}
