package org.proofwork.review;

import java.sql.Timestamp;
import java.time.Instant;

import org.proofwork.lti.CourseKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit log of identity reveals ({@code review_identity_reveal}): written before any name is shown. */
@Repository
class IdentityReveals {

	private final JdbcClient jdbc;

	IdentityReveals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(CourseKey course, String workspaceId, String revealedBy, Instant at) {
		jdbc.sql("""
				INSERT INTO review_identity_reveal (registration_id, deployment_id, context_id, workspace_id,
				  revealed_by, revealed_at)
				VALUES (:registration, :deployment, :context, :workspace, :by, :at)
				""")
			.param("registration", course.registrationId())
			.param("deployment", course.deploymentId())
			.param("context", course.contextId())
			.param("workspace", workspaceId)
			.param("by", revealedBy)
			.param("at", Timestamp.from(at))
			.update();
	}
}
