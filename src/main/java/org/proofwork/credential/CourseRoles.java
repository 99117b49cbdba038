package org.proofwork.credential;

import org.proofwork.lti.LtiLaunch;
import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;

/**
 * Who may do what with a course's credentials: its assessors see them; only its instructor revokes one and sees
 * whose it is (reviews are blind, and the instructor is the one who may reveal identities).
 */
final class CourseRoles {

	private static final String MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";

	private CourseRoles() {
	}

	/**
	 * From the roles the platform sent, as the review module reads them: {@code ...membership#Instructor}, Moodle's
	 * {@code Instructor}, LTI 1.1's {@code urn:lti:role:ims/lis/Instructor}; not the teaching assistant sub-role, not
	 * the institution role.
	 */
	static boolean isInstructor(LtiLaunch launch) {
		return launch.ltiRoles().stream().map(String::strip).anyMatch(role -> role.equals("Instructor")
				|| role.equals(MEMBERSHIP + "#Instructor") || role.equals("urn:lti:role:ims/lis/Instructor"));
	}

	static void requireAssessor(LtiLaunch launch) {
		if (!launch.isAssessor()) {
			throw new UserFacingException(HttpStatus.FORBIDDEN, "credential.course.assessors-only.title",
					"credential.course.assessors-only.advice", "course credentials opened by " + launch.roles());
		}
	}

	static void requireInstructor(LtiLaunch launch) {
		if (!isInstructor(launch)) {
			throw new UserFacingException(HttpStatus.FORBIDDEN, "credential.course.instructor-only.title",
					"credential.course.instructor-only.advice", "revocation by " + launch.ltiRoles());
		}
	}
}
