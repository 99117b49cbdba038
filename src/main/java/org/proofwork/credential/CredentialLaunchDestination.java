package org.proofwork.credential;

import java.util.Optional;

import org.proofwork.lti.LaunchDestination;
import org.proofwork.lti.LtiLaunch;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A course link with the custom parameter {@code page=credentials} opens the credential pages instead of a
 * workspace or the review: "My credentials" for educators, the course's credentials for assessors. An LMS
 * administrator adds such a link to the course navigation (Canvas) or as an activity (Moodle).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CredentialLaunchDestination implements LaunchDestination {

	static final String PARAMETER = "page";

	static final String VALUE = "credentials";

	@Override
	public Optional<String> destinationFor(LtiLaunch launch, Optional<String> credentialId) {
		if (launch.messageType() != LtiLaunch.MessageType.LtiResourceLinkRequest
				|| !VALUE.equals(launch.custom().get(PARAMETER))) {
			return Optional.empty();
		}
		String base = "/launches/" + launch.launchId() + "/credentials";
		return Optional.of(launch.isAssessor() ? base : base + "/mine");
	}
}
