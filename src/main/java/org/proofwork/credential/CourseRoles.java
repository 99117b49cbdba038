package org.proofwork.credential;

import org.proofwork.lti.LtiLaunch;
import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;

/**
 * Who may do what with a course's credentials: its assessors see them; only its instructor revokes one and sees
 * whose it is (reviews are blind, and the instructor is the one who may reveal identities).
 */
final class CourseRoles {


	private CourseRoles() {
	}

	/** Only the instructor role the platform sent counts, see {@link LtiLaunch#isInstructor()}. */
	static boolean isInstructor(LtiLaunch launch) {
		return launch.isInstructor();
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
