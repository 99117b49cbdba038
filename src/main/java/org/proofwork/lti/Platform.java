package org.proofwork.lti;

import java.net.URI;
import java.util.Set;

/**
 * A registered learning platform as other modules and the admin pages see it.
 *
 * @param id the tool's own id of the registration; every row the tool stores for a course or person carries it
 * @param issuer the platform's {@code iss}; several registrations may share one (self-hosted Canvas)
 * @param clientId the tool's client_id at that platform
 * @param deploymentIds the deployments of the tool the platform announced or an administrator entered
 * @param frameOrigins origins allowed to frame the tool besides the issuer's own
 */
public record Platform(long id, String name, String issuer, String clientId, URI authorizationEndpoint,
		URI tokenEndpoint, URI jwksUri, Set<String> deploymentIds, Set<String> frameOrigins, Source source) {

	public Platform {
		deploymentIds = Set.copyOf(deploymentIds);
		frameOrigins = Set.copyOf(frameOrigins);
	}

	/** How the registration came in. */
	public enum Source {
		DYNAMIC, ADMIN, IMPORT
	}
}
