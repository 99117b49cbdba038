package org.proofwork.lti;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registered platforms: looked up on every login, changed by Dynamic Registration, the admin pages and imports.
 */
@Service
public class PlatformRegistry {

	private static final Logger log = LoggerFactory.getLogger(PlatformRegistry.class);

	private final PlatformRegistrationRepository registrations;

	private final RegisteredFrameAncestors frameAncestors;

	private final Clock clock;

	PlatformRegistry(PlatformRegistrationRepository registrations, RegisteredFrameAncestors frameAncestors,
			Clock clock) {
		this.registrations = registrations;
		this.frameAncestors = frameAncestors;
		this.clock = clock;
	}

	public List<Platform> all() {
		return registrations.findAll().stream().map(PlatformRegistration::toPlatform).toList();
	}

	public Optional<Platform> find(long id) {
		return registrations.findRegistrationById(id).map(PlatformRegistration::toPlatform);
	}

	public Optional<Platform> find(String issuer, String clientId) {
		return registrations.findByIssuerAndClientId(issuer, clientId).map(PlatformRegistration::toPlatform);
	}

	public List<Platform> findByIssuer(String issuer) {
		return registrations.findByIssuer(issuer).stream().map(PlatformRegistration::toPlatform).toList();
	}

	/**
	 * Registers a platform, or updates the registration with the same issuer and client_id (adding deployments).
	 */
	@Transactional
	public Platform register(PlatformDetails details, Platform.Source source) {
		PlatformRegistration registration = registrations.findByIssuerAndClientId(details.issuer(), details.clientId())
			.map(existing -> {
				existing.update(details);
				return existing;
			})
			.orElseGet(() -> PlatformRegistration.of(details, source, clock.instant()));
		Platform saved = registrations.save(registration).toPlatform();
		frameAncestors.forget();
		log.info("Registered platform {} (issuer {}, client_id {}, deployments {}) via {}", saved.id(),
				saved.issuer(), saved.clientId(), saved.deploymentIds(), source);
		return saved;
	}

	@Transactional
	public void addDeployment(long registrationId, String deploymentId) {
		PlatformRegistration registration = registrations.findById(registrationId)
			.orElseThrow(() -> new IllegalArgumentException("No platform registration " + registrationId));
		registration.addDeployment(deploymentId);
		registrations.save(registration);
	}

	@Transactional
	public void removeDeployment(long registrationId, String deploymentId) {
		registrations.findById(registrationId).ifPresent(registration -> {
			registration.removeDeployment(deploymentId);
			registrations.save(registration);
		});
	}

	@Transactional
	public void delete(long registrationId) {
		registrations.deleteById(registrationId);
		frameAncestors.forget();
		log.info("Removed platform registration {}", registrationId);
	}
}
