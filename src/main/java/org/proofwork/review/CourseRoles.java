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


	private CourseRoles() {
	}

	/** Only the instructor role the platform sent counts, see {@link LtiLaunch#isInstructor()}. */
	static boolean isInstructor(LtiLaunch launch) {
		return launch.isInstructor();
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
