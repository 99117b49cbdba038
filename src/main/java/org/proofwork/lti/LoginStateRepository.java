package org.proofwork.lti;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.CrudRepository;

interface LoginStateRepository extends CrudRepository<LoginState, String> {

	/**
	 * The login of a state, read outside a transaction: one statement needs none, and the inherited
	 * {@code findById} would wrap it in one of its own (three more round trips on every continue and launch).
	 */
	@Query("SELECT * FROM lti_login_state WHERE state = :state")
	Optional<LoginState> findByState(String state);

	/**
	 * A new login, as one statement without a transaction around it (the inherited {@code save} opens one: three
	 * more round trips and a commit on every login). Rows are only ever inserted, then deleted.
	 */
	@Modifying
	@Query("""
			INSERT INTO lti_login_state (state, nonce, registration_id, target_link_uri, browser_binding, storage_target,
			  authorization_url, login_parameters, expires_at)
			VALUES (:state, :nonce, :registrationId, :targetLinkUri, :browserBinding, :storageTarget, :authorizationUrl,
			  :loginParameters, :expiresAt)
			""")
	int insert(String state, String nonce, long registrationId, String targetLinkUri, String browserBinding,
			String storageTarget, String authorizationUrl, String loginParameters, Instant expiresAt);

	default void insert(LoginState login) {
		insert(login.state(), login.nonce(), login.registrationId(), login.targetLinkUri(), login.browserBinding(),
				login.storageTarget(), login.authorizationUrl(), login.loginParameters(), login.expiresAt());
	}

	/**
	 * Takes a state out of play; only the caller that gets 1 may complete the launch. One statement, atomic on its
	 * own: of two concurrent launches with the same state, one deletes the row and the other gets 0.
	 */
	@Modifying
	@Query("DELETE FROM lti_login_state WHERE state = :state")
	int consume(String state);

	@Modifying
	@Query("DELETE FROM lti_login_state WHERE expires_at < :now")
	int deleteExpired(Instant now);
}
