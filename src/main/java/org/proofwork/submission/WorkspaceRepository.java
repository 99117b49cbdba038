package org.proofwork.submission;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface WorkspaceRepository extends ListCrudRepository<Workspace, String> {

	/** The workspace of this person on this course link: their own, or their team's. */
	@Query("""
			SELECT w.* FROM workspace w JOIN workspace_member m ON m.workspace_id = w.id
			WHERE w.registration_id = :registrationId AND w.deployment_id = :deploymentId
			  AND w.context_id = :contextId AND w.resource_link_id = :resourceLinkId AND m.subject = :subject
			ORDER BY w.created_at
			""")
	List<Workspace> findForMember(long registrationId, String deploymentId, String contextId, String resourceLinkId,
			String subject);

	@Query("""
			SELECT * FROM workspace
			WHERE registration_id = :registrationId AND deployment_id = :deploymentId AND context_id = :contextId
			  AND id = :id
			""")
	Optional<Workspace> findInCourse(long registrationId, String deploymentId, String contextId, String id);

	@Query("""
			SELECT * FROM workspace
			WHERE registration_id = :registrationId AND deployment_id = :deploymentId AND context_id = :contextId
			  AND submitted_count > 0
			ORDER BY created_at
			""")
	List<Workspace> findSubmittedInCourse(long registrationId, String deploymentId, String contextId);
}
