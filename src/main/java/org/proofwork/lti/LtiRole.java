package org.proofwork.lti;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a person may do in Proofwork, derived from the LTI roles a platform sends. Canvas sends full role URIs
 * ({@code http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor}), Moodle's roster service short names
 * ({@code Instructor}); both map the same way. A person may hold both roles.
 */
public enum LtiRole {

	/** Builds and submits evidence: LTI Learner. */
	EDUCATOR,

	/** Places credentials, reviews and decides: Instructor, TeachingAssistant, ContentDeveloper, Administrator. */
	ASSESSOR;

	public static Set<LtiRole> fromLti(Collection<String> roles) {
		Set<LtiRole> mapped = EnumSet.noneOf(LtiRole.class);
		for (String role : roles) {
			String name = shortName(role);
			switch (name) {
				case "Learner" -> mapped.add(EDUCATOR);
				case "Instructor", "TeachingAssistant", "ContentDeveloper", "Administrator" -> mapped.add(ASSESSOR);
				default -> {
				}
			}
		}
		return mapped;
	}

	/**
	 * The role's own name without vocabulary and sub-role: {@code ...membership#Instructor} and
	 * {@code ...membership/Instructor#TeachingAssistant} (a sub-role of Instructor) give {@code Instructor} and
	 * {@code TeachingAssistant}; {@code ...institution/person#Administrator} gives {@code Administrator}.
	 */
	static String shortName(String role) {
		String name = role.strip();
		int hash = name.lastIndexOf('#');
		if (hash >= 0) {
			return name.substring(hash + 1);
		}
		int slash = name.lastIndexOf('/');
		return slash >= 0 ? name.substring(slash + 1) : name;
	}
}
