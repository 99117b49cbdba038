package org.proofwork.lti;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Where a validated launch lands: deep linking in the credential picker, other launches on the page the module that
 * owns them provides ({@link LaunchDestination}), or, when none does, this module's summary of the launch at
 * {@code /launches/{launchId}}. The launch's answer (a redirect after the platform's POST) sends the browser there
 * directly; {@code /launches/{launchId}} asks again, for a reload or a bookmark of that address.
 */
@Component
class LaunchLanding {

	private final List<LaunchDestination> destinations;

	private final LinkPlacements placements;

	LaunchLanding(List<LaunchDestination> destinations, LinkPlacements placements) {
		this.destinations = destinations;
		this.placements = placements;
	}

	/**
	 * @param path the page to redirect to, empty for the launch summary
	 * @param credentialId the credential on the launch's link, for the summary
	 */
	record Landing(Optional<String> path, Optional<String> credentialId) {
	}

	Landing of(LtiLaunch launch) {
		if (launch.messageType() == LtiLaunch.MessageType.LtiDeepLinkingRequest) {
			return new Landing(Optional.of(summary(launch) + "/deep-linking"), Optional.empty());
		}
		Optional<String> credentialId = placements.credentialOf(launch);
		for (LaunchDestination destination : destinations) {
			Optional<String> path = destination.destinationFor(launch, credentialId);
			if (path.isPresent()) {
				return new Landing(path, credentialId);
			}
		}
		return new Landing(Optional.empty(), credentialId);
	}

	static String summary(LtiLaunch launch) {
		return "/launches/" + launch.launchId();
	}
}
