package org.proofwork.lti;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ToolSigningKeyRepository extends ListCrudRepository<ToolSigningKey, String> {

	Optional<ToolSigningKey> findByState(ToolSigningKey.State state);

	List<ToolSigningKey> findAllByOrderByCreatedAtDesc();

	/** Serialises key generation and rotation across every node sharing the database. */
	@Query("SELECT id FROM tool_key_lock WHERE id = 1 FOR UPDATE")
	Integer lockKeyChanges();
}
