package org.proofwork.lti;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface PlatformRegistrationRepository extends ListCrudRepository<PlatformRegistration, Long> {

	Optional<PlatformRegistration> findByIssuerAndClientId(String issuer, String clientId);

	List<PlatformRegistration> findByIssuer(String issuer);
}
