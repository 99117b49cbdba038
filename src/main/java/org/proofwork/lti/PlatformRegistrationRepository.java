package org.proofwork.lti;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface PlatformRegistrationRepository extends ListCrudRepository<PlatformRegistration, Long> {

	Optional<PlatformRegistration> findByIssuerAndClientId(String issuer, String clientId);

	/**
	 * As {@code findById}, but a query method, which runs without the read-only transaction the inherited
	 * {@code findById} opens (three more round trips on every launch).
	 */
	Optional<PlatformRegistration> findRegistrationById(Long id);

	List<PlatformRegistration> findByIssuer(String issuer);
}
