package org.proofwork.lti;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * What registering a platform takes, from Dynamic Registration, the admin form or an import file. Validates itself, so
 * nothing half-formed is stored.
 */
public record PlatformDetails(String name, String issuer, String clientId, URI authorizationEndpoint,
		URI tokenEndpoint, URI jwksUri, Set<String> deploymentIds, List<String> frameOrigins) {

	public PlatformDetails {
		require(issuer, "issuer");
		require(clientId, "client_id");
		name = name == null || name.isBlank() ? issuer : name.strip();
		issuer = issuer.strip();
		clientId = clientId.strip();
		absolute(authorizationEndpoint, "authorization endpoint");
		absolute(tokenEndpoint, "token endpoint");
		absolute(jwksUri, "JWKS URL");
		deploymentIds = deploymentIds == null ? Set.of() : Set.copyOf(deploymentIds.stream().map(String::strip).filter(id -> !id.isEmpty()).toList());
		frameOrigins = frameOrigins == null ? List.of() : frameOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
		for (String origin : frameOrigins) {
			if (!origin.matches("https?://(\\*\\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?/?")) {
				throw new IllegalArgumentException("Frame origin '" + origin
						+ "' must be a scheme and host (and port), such as https://school.instructure.com");
			}
		}
	}

	private static void require(String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("The platform's " + what + " is required");
		}
	}

	private static void absolute(URI uri, String what) {
		if (uri == null || uri.getHost() == null
				|| !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
			throw new IllegalArgumentException("The platform's " + what + " must be an absolute http(s) URL, was "
					+ uri);
		}
	}
}
