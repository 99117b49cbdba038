package org.proofwork.lti;

import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a validated launch tells the tool: who, where, in which role and which services the platform offers.
 * Other modules read it (a controller method parameter under {@code /launches/{launchId}/...}) and never see a
 * token. Held in the person's session, one per launch, so two courses in two tabs never mix.
 *
 * @param launchId the tool's id of this launch, used in page URLs
 * @param registrationId the platform registration the launch came through (a tenancy key)
 * @param deploymentId the deployment, unique only within the registration (a tenancy key)
 * @param productFamily the platform's {@code tool_platform.product_family_code} ({@code canvas}, {@code moodle}, ...)
 * @param roles what the person may do here; {@code ltiRoles} keeps what the platform sent
 * @param custom the custom parameters, for example {@code credential}
 * @param ags the Assignment and Grade Services endpoints, absent when the platform offers none (Moodle without
 * "Accept grades from the tool")
 * @param forUser the learner whose work a Submission Review launch is about
 * @param targetLinkUri the URL the launch was for (Canvas's SpeedGrader launches the submission URL the tool sent)
 */
public record LtiLaunch(String launchId, MessageType messageType, long registrationId, String issuer,
		String clientId, String deploymentId, String productFamily, Course course, ResourceLink resourceLink,
		Person user, Set<LtiRole> roles, List<String> ltiRoles, Map<String, String> custom, Ags ags, Nrps nrps,
		DeepLinking deepLinking, Person forUser, URI returnUrl, URI targetLinkUri, Instant launchedAt)
		implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	public LtiLaunch {
		roles = Set.copyOf(roles);
		ltiRoles = List.copyOf(ltiRoles);
		custom = Map.copyOf(custom);
	}

	public enum MessageType {
		LtiResourceLinkRequest, LtiDeepLinkingRequest, LtiSubmissionReviewRequest
	}

	public boolean isEducator() {
		return roles.contains(LtiRole.EDUCATOR);
	}

	public boolean isAssessor() {
		return roles.contains(LtiRole.ASSESSOR);
	}

	/**
	 * Whether the person is the course's instructor, read from the roles the platform sent (the tool's assessor role
	 * also covers teaching assistants). Canvas sends {@code ...membership#Instructor}, Moodle's roster
	 * {@code Instructor}, LTI 1.1 platforms {@code urn:lti:role:ims/lis/Instructor}; the sub-role
	 * {@code ...membership/Instructor#TeachingAssistant} and the institution role {@code ...person#Instructor} do not
	 * count.
	 */
	public boolean isInstructor() {
		return ltiRoles.stream().map(String::strip).anyMatch(role -> role.equals("Instructor")
				|| role.equals("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor")
				|| role.equals("urn:lti:role:ims/lis/Instructor"));
	}

	/** The credential a custom parameter names, if any. */
	public Optional<String> customCredential() {
		return Optional.ofNullable(custom.get("credential")).map(String::strip).filter(id -> !id.isEmpty());
	}

	/** The course across the whole tool: unique only together with the registration and deployment. */
	public CourseKey courseKey() {
		return new CourseKey(registrationId, deploymentId, course == null ? "" : course.id());
	}

	/** The person across the whole tool: {@code sub} is unique only within its issuer's registration. */
	public PersonKey personKey() {
		return new PersonKey(registrationId, user.id());
	}

	public record Course(String id, String title, String label) implements Serializable {
	}

	public record ResourceLink(String id, String title) implements Serializable {
	}

	/** A person as the platform names them; {@code id} is the platform's {@code sub} (or NRPS {@code user_id}). */
	public record Person(String id, String name, String givenName, String familyName, String email)
			implements Serializable {

		public String displayName() {
			if (name != null && !name.isBlank()) {
				return name;
			}
			String joined = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName))
				.strip();
			return joined.isEmpty() ? id : joined;
		}
	}

	/**
	 * @param lineItems the course's line items container
	 * @param lineItem the line item of this resource link, if the platform created one
	 */
	public record Ags(URI lineItems, URI lineItem, Set<String> scopes) implements Serializable {

		public Ags {
			scopes = Set.copyOf(scopes);
		}
	}

	public record Nrps(URI contextMemberships) implements Serializable {
	}

	public record DeepLinking(URI returnUrl, List<String> acceptTypes, List<String> presentationTargets,
			boolean acceptMultiple, String data, String title) implements Serializable {

		public DeepLinking {
			acceptTypes = List.copyOf(acceptTypes);
			presentationTargets = List.copyOf(presentationTargets);
		}
	}
}
