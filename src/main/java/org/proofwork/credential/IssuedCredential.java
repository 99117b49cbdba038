package org.proofwork.credential;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.proofwork.lti.CourseKey;
import org.proofwork.lti.PersonKey;

/**
 * A credential as issued: who earned it on which decision, and the signed credential itself.
 *
 * @param id the credential's UUID, the last segment of its URL
 * @param decisionId the Earned decision it was issued on
 * @param memberSubject the earner's LTI {@code sub}
 * @param course the course the work was submitted in
 * @param workspaceId the workspace whose version earned it
 * @param workspaceVersion the version that earned it
 * @param definitionId the catalog id of the credential definition
 * @param title the credential's title at issuing
 * @param earnerName the earner's name as the LMS gave it
 * @param teamSize how many people earned it together on the decision (1 for an individual credential)
 * @param levels the level reached per rubric component id
 * @param decidedAt when the assessors decided
 * @param issuedAt when it was issued (its {@code validFrom})
 * @param validUntil when it expires, if it does
 * @param keyId the {@code kid} of the issuer key that signed it
 * @param credentialJson the credential without the JWT claims
 * @param compactJwt the signed credential
 */
record IssuedCredential(String id, String decisionId, String memberSubject, CourseKey course, String resourceLinkId,
		String workspaceId, int workspaceVersion, String definitionId, String title, String earnerName, int teamSize,
		Map<String, String> levels, Instant decidedAt, Instant issuedAt, Optional<Instant> validUntil, String keyId,
		String credentialJson, String compactJwt) {

	IssuedCredential {
		levels = Map.copyOf(levels);
	}

	public PersonKey earner() {
		return new PersonKey(course.registrationId(), memberSubject);
	}

	public boolean belongsTo(PersonKey person) {
		return earner().equals(person);
	}

	public String issuedOn() {
		return Dates.day(issuedAt);
	}
}
