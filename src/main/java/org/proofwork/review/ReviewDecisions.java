package org.proofwork.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.proofwork.lti.CourseKey;
import org.proofwork.review.DecisionRecorded.Outcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code review_decision} table: one decision per submitted version, never changed. */
@Repository
class ReviewDecisions {

	private static final String COLUMNS = """
			id, registration_id, deployment_id, context_id, workspace_id, workspace_version, credential_id, outcome,
			levels, comments, overall_comment, method, decided_by, decided_at
			""";

	private final JdbcClient jdbc;

	ReviewDecisions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @throws org.springframework.dao.DuplicateKeyException when the version was decided already */
	void insert(ReviewDecision decision) {
		jdbc.sql("""
				INSERT INTO review_decision (id, registration_id, deployment_id, context_id, workspace_id,
				  workspace_version, credential_id, outcome, levels, comments, overall_comment, method, decided_by,
				  decided_at)
				VALUES (:id, :registration, :deployment, :context, :workspace, :version, :credential, :outcome,
				  :levels, :comments, :overall, :method, :by, :at)
				""")
			.param("id", decision.id())
			.param("registration", decision.course().registrationId())
			.param("deployment", decision.course().deploymentId())
			.param("context", decision.course().contextId())
			.param("workspace", decision.workspaceId())
			.param("version", decision.workspaceVersion())
			.param("credential", decision.credentialId())
			.param("outcome", decision.outcome().name())
			.param("levels", JsonText.of(decision.sheet().levels()))
			.param("comments", JsonText.of(decision.sheet().comments()))
			.param("overall", decision.sheet().overall())
			.param("method", decision.method().name())
			.param("by", decision.decidedBy())
			.param("at", Timestamp.from(decision.decidedAt()))
			.update();
	}

	Optional<ReviewDecision> find(String workspaceId, int workspaceVersion) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM review_decision WHERE workspace_id = :workspace AND workspace_version = :version
				""")
			.param("workspace", workspaceId)
			.param("version", workspaceVersion)
			.query(ReviewDecisions::row)
			.optional();
	}

	/** A workspace's decisions, by version. The course is part of the query so no id reaches another course. */
	List<ReviewDecision> of(CourseKey course, String workspaceId) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM review_decision
				WHERE registration_id = :registration AND deployment_id = :deployment AND context_id = :context
				  AND workspace_id = :workspace
				ORDER BY workspace_version
				""")
			.param("registration", course.registrationId())
			.param("deployment", course.deploymentId())
			.param("context", course.contextId())
			.param("workspace", workspaceId)
			.query(ReviewDecisions::row)
			.list();
	}

	List<ReviewDecision> inCourse(CourseKey course) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM review_decision
				WHERE registration_id = :registration AND deployment_id = :deployment AND context_id = :context
				""")
			.param("registration", course.registrationId())
			.param("deployment", course.deploymentId())
			.param("context", course.contextId())
			.query(ReviewDecisions::row)
			.list();
	}

	private static ReviewDecision row(ResultSet rs, int row) throws SQLException {
		return new ReviewDecision(rs.getString("id"),
				new CourseKey(rs.getLong("registration_id"), rs.getString("deployment_id"), rs.getString("context_id")),
				rs.getString("workspace_id"), rs.getInt("workspace_version"), rs.getString("credential_id"),
				Outcome.valueOf(rs.getString("outcome")),
				new ScoreSheet(JsonText.map(rs.getString("levels")), JsonText.map(rs.getString("comments")),
						rs.getString("overall_comment")),
				ReviewDecision.Method.valueOf(rs.getString("method")), rs.getString("decided_by"),
				rs.getTimestamp("decided_at").toInstant());
	}
}
