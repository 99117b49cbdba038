package org.proofwork.review;

import org.proofwork.lti.LtiLaunch;
import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;

/**
 * Who may do what in a course's review. Every assessor (the tool's {@code ASSESSOR} role: instructors, teaching
 * assistants, ...) sees the queue and scores; only the course's instructor reveals identities, chooses the assessors
 * and reconciles a double-blind disagreement.
 */
final class CourseRoles {

	private static final String MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";

	private CourseRoles() {
	}

	/**
	 * Read from the roles the platform sent, because the tool's own role also covers teaching assistants. Canvas
	 * sends {@code ...membership#Instructor}, Moodle's roster {@code Instructor}, LTI 1.1 platforms
	 * {@code urn:lti:role:ims/lis/Instructor}. The sub-role {@code ...membership/Instructor#TeachingAssistant} is a
	 * teaching assistant, and the institution role {@code ...institution/person#Instructor} says nothing about this
	 * course: neither counts.
	 */
	static boolean isInstructor(LtiLaunch launch) {
		return launch.ltiRoles().stream().map(String::strip).anyMatch(role -> role.equals("Instructor")
				|| role.equals(MEMBERSHIP + "#Instructor") || role.equals("urn:lti:role:ims/lis/Instructor"));
	}

	static void requireAssessor(LtiLaunch launch) {
		if (!launch.isAssessor()) {
			throw new UserFacingException(HttpStatus.FORBIDDEN, "review.assessors-only.title",
					"review.assessors-only.advice", "review page opened by " + launch.roles());
		}
	}

	static void requireInstructor(LtiLaunch launch, String what) {
		if (!isInstructor(launch)) {
			throw new UserFacingException(HttpStatus.FORBIDDEN, "review.instructor-only.title",
					"review.instructor-only.advice", what + " by " + launch.ltiRoles());
		}
	}
}
