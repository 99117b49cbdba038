package org.proofwork.lti;

import java.util.Optional;

/**
 * Where a launch goes once it is validated. Modules that own a page for a kind of launch (the educator's workspace,
 * the review) provide one; the first that answers wins, and without any the tool's own landing page shows the
 * launch.
 */
public interface LaunchDestination {

	/**
	 * @param launch the validated launch
	 * @param credentialId the credential placed on the launch's link, if any
	 * @return a path under {@code /launches/{launchId}/}, or empty when this module has no page for the launch
	 */
	Optional<String> destinationFor(LtiLaunch launch, Optional<String> credentialId);
}
