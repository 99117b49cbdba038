package org.proofwork.lti;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A learning platform the tool trusts: one (issuer, client_id) pair with its endpoints and the deployments of the
 * tool in it.
 */
@Table("platform_registration")
class PlatformRegistration {

	@Id
	private Long id;

	@Version
	private Integer version;

	private String name;

	private final String issuer;

	private final String clientId;

	private String authorizationEndpoint;

	private String tokenEndpoint;

	private String jwksUri;

	private String frameOrigins;

	private final Platform.Source source;

	private final Instant createdAt;

	@MappedCollection(idColumn = "registration_id")
	private Set<PlatformDeployment> deployments;

	PlatformRegistration(Long id, Integer version, String name, String issuer, String clientId,
			String authorizationEndpoint, String tokenEndpoint, String jwksUri, String frameOrigins,
			Platform.Source source, Instant createdAt, Set<PlatformDeployment> deployments) {
		this.id = id;
		this.version = version;
		this.name = name;
		this.issuer = issuer;
		this.clientId = clientId;
		this.authorizationEndpoint = authorizationEndpoint;
		this.tokenEndpoint = tokenEndpoint;
		this.jwksUri = jwksUri;
		this.frameOrigins = frameOrigins;
		this.source = source;
		this.createdAt = createdAt;
		this.deployments = new LinkedHashSet<>(deployments);
	}

	static PlatformRegistration of(PlatformDetails details, Platform.Source source, Instant now) {
		PlatformRegistration registration = new PlatformRegistration(null, null, details.name(), details.issuer(),
				details.clientId(), null, null, null, "", source, now, Set.of());
		registration.update(details);
		return registration;
	}

	/** Takes over everything but the identity (issuer, client_id); deployments are added, never dropped. */
	void update(PlatformDetails details) {
		if (!details.issuer().equals(issuer) || !details.clientId().equals(clientId)) {
			throw new IllegalArgumentException("Issuer and client_id identify a registration and cannot change");
		}
		name = details.name();
		authorizationEndpoint = details.authorizationEndpoint().toString();
		tokenEndpoint = details.tokenEndpoint().toString();
		jwksUri = details.jwksUri().toString();
		frameOrigins = String.join(" ", details.frameOrigins());
		details.deploymentIds().forEach(this::addDeployment);
	}

	void addDeployment(String deploymentId) {
		deployments.add(new PlatformDeployment(deploymentId));
	}

	void removeDeployment(String deploymentId) {
		deployments.remove(new PlatformDeployment(deploymentId));
	}

	Platform toPlatform() {
		return new Platform(id, name, issuer, clientId, URI.create(authorizationEndpoint), URI.create(tokenEndpoint),
				URI.create(jwksUri),
				deployments.stream()
					.map(PlatformDeployment::deploymentId)
					.collect(Collectors.toCollection(LinkedHashSet::new)),
				Arrays.stream(frameOrigins.split("\\s+"))
					.filter(origin -> !origin.isBlank())
					.collect(Collectors.toCollection(LinkedHashSet::new)),
				source);
	}

	Long id() {
		return id;
	}

	@Table("platform_deployment")
	record PlatformDeployment(String deploymentId) {
	}
}
