package org.proofwork.lti;

import java.time.Clock;
import java.util.Optional;

import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which credential a course link opens. The link's custom parameter {@code credential} (set by Deep Linking) wins and
 * is remembered; a link without one (made by hand in the LMS, or Canvas course navigation) opens what an instructor
 * chose for it.
 */
@Service
public class LinkPlacements {

	private final JdbcClient jdbc;

	private final Clock clock;

	LinkPlacements(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The credential this launch's link opens, remembering a custom parameter the first time it is seen. No
	 * transaction: each write is one statement (atomic on its own), and almost every launch of a link only reads,
	 * where a transaction cost three more round trips and a commit on every launch.
	 */
	public Optional<String> credentialOf(LtiLaunch launch) {
		if (launch.resourceLink() == null) {
			return Optional.empty();
		}
		Optional<String> stored = stored(launch);
		Optional<String> custom = launch.customCredential();
		if (custom.isPresent()) {
			if (stored.isEmpty()) {
				insert(launch, custom.get());
			}
			else if (!stored.get().equals(custom.get())) {
				update(launch, custom.get());
			}
			return custom;
		}
		return stored;
	}

	/** An instructor's choice for a link the LMS sent without a credential. */
	@Transactional
	public void place(LtiLaunch launch, String credentialId) {
		if (!launch.isAssessor()) {
			throw new UserFacingException(HttpStatus.FORBIDDEN, "lti.forbidden.assessor.title",
					"lti.forbidden.assessor.advice", "placement by non-assessor " + launch.user().id());
		}
		if (launch.resourceLink() == null) {
			throw new IllegalArgumentException("Only a resource link launch has a link to place a credential on");
		}
		if (stored(launch).isPresent()) {
			update(launch, credentialId);
		}
		else {
			insert(launch, credentialId);
		}
	}

	private Optional<String> stored(LtiLaunch launch) {
		return jdbc.sql("""
				SELECT credential_id FROM lti_link_placement
				WHERE registration_id = :registration AND deployment_id = :deployment AND resource_link_id = :link
				""")
			.param("registration", launch.registrationId())
			.param("deployment", launch.deploymentId())
			.param("link", launch.resourceLink().id())
			.query(String.class)
			.optional();
	}

	/**
	 * One statement that inserts or, when another launch of the same link got there first, updates: an insert that
	 * fails on the key and an update after it deadlocked on MariaDB when many people opened a new link at once.
	 */
	private void insert(LtiLaunch launch, String credentialId) {
		jdbc.sql("""
				INSERT INTO lti_link_placement
				  (registration_id, deployment_id, resource_link_id, context_id, credential_id, placed_at)
				VALUES (:registration, :deployment, :link, :context, :credential, :now)
				ON DUPLICATE KEY UPDATE credential_id = :credential, placed_at = :now
				""")
			.param("registration", launch.registrationId())
			.param("deployment", launch.deploymentId())
			.param("link", launch.resourceLink().id())
			.param("context", launch.course() == null ? "" : launch.course().id())
			.param("credential", credentialId)
			.param("now", clock.instant())
			.update();
	}

	private void update(LtiLaunch launch, String credentialId) {
		jdbc.sql("""
				UPDATE lti_link_placement SET credential_id = :credential, placed_at = :now
				WHERE registration_id = :registration AND deployment_id = :deployment AND resource_link_id = :link
				""")
			.param("credential", credentialId)
			.param("now", clock.instant())
			.param("registration", launch.registrationId())
			.param("deployment", launch.deploymentId())
			.param("link", launch.resourceLink().id())
			.update();
	}
}
