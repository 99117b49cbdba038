package org.proofwork.submission;

import java.util.Optional;

import org.proofwork.lti.LaunchDestination;
import org.proofwork.lti.LtiLaunch;
import org.springframework.stereotype.Component;

/** An educator's resource link launch opens their workspace for the credential on the link. */
@Component
class WorkspaceLaunchDestination implements LaunchDestination {

	@Override
	public Optional<String> destinationFor(LtiLaunch launch, Optional<String> credentialId) {
		boolean educatorOnly = launch.isEducator() && !launch.isAssessor();
		if (launch.messageType() != LtiLaunch.MessageType.LtiResourceLinkRequest || !educatorOnly
				|| credentialId.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of("/launches/" + launch.launchId() + "/workspace");
	}
}
