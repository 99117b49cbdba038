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

	/** Takes a state out of play; only the caller that gets 1 may complete the launch. */
	@Modifying
	@Query("DELETE FROM lti_login_state WHERE state = :state")
	int consume(String state);

	@Modifying
	@Query("DELETE FROM lti_login_state WHERE expires_at < :now")
	int deleteExpired(Instant now);
}
