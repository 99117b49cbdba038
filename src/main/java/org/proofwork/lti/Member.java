package org.proofwork.lti;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A person in a course, from the platform's roster (NRPS). Names and email are null when the platform's privacy
 * settings withhold them.
 *
 * @param userId the person's LTI user id: the {@code sub} of their launches
 * @param roles what the person may do in Proofwork, from {@code ltiRoles}
 * @param ltiRoles the roles as the platform sent them: full URIs from Canvas, short names ({@code Learner}) from
 * Moodle
 */
public record Member(String userId, String name, String givenName, String familyName, String email, Status status,
		Set<LtiRole> roles, List<String> ltiRoles) {

	public Member {
		if (userId == null || userId.isBlank()) {
			throw new IllegalArgumentException("A member needs a user id");
		}
		Objects.requireNonNull(status, "A member has a status");
		roles = Set.copyOf(roles);
		ltiRoles = List.copyOf(ltiRoles);
	}

	/** The person's enrolment in the context. */
	public enum Status {

		ACTIVE, INACTIVE, DELETED;

		/**
		 * NRPS leaves {@code status} out for active members. A value the tool does not know grants nothing, so it
		 * counts as inactive.
		 */
		static Status fromNrps(String value) {
			if (value == null || value.isBlank()) {
				return ACTIVE;
			}
			return switch (value.strip().toLowerCase(Locale.ROOT)) {
				case "active" -> ACTIVE;
				case "deleted" -> DELETED;
				default -> INACTIVE;
			};
		}
	}
}
