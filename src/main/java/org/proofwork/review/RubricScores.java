package org.proofwork.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.proofwork.lti.CourseKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code review} table. Every change names the row's version and changes nothing when another save came
 * first: the caller turns that into a conflict the assessor sees, never a silent overwrite.
 */
@Repository
class RubricScores {

	private static final String COLUMNS = """
			id, registration_id, deployment_id, context_id, workspace_id, workspace_version, assessor_subject, levels,
			comments, overall_comment, state, version, saved_by, saved_at, submitted_at
			""";

	private final JdbcClient jdbc;

	RubricScores(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<RubricScore> find(String workspaceId, int workspaceVersion, String seat) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM review WHERE workspace_id = :workspace AND workspace_version = :version AND assessor_subject = :seat
				""")
			.param("workspace", workspaceId)
			.param("version", workspaceVersion)
			.param("seat", seat)
			.query(RubricScores::row)
			.optional();
	}

	List<RubricScore> ofVersion(String workspaceId, int workspaceVersion) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM review WHERE workspace_id = :workspace AND workspace_version = :version ORDER BY saved_at
				""")
			.param("workspace", workspaceId)
			.param("version", workspaceVersion)
			.query(RubricScores::row)
			.list();
	}

	/**
	 * As {@link #ofVersion}, with the rows locked: a locking read sees what other transactions committed, which a
	 * plain read in a REPEATABLE READ transaction (MariaDB's default) may not.
	 */
	List<RubricScore> ofVersionLocked(String workspaceId, int workspaceVersion) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM review WHERE workspace_id = :workspace AND workspace_version = :version FOR UPDATE
				""")
			.param("workspace", workspaceId)
			.param("version", workspaceVersion)
			.query(RubricScores::row)
			.list();
	}

	List<RubricScore> inCourse(CourseKey course) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM review
				WHERE registration_id = :registration AND deployment_id = :deployment AND context_id = :context
				""")
			.param("registration", course.registrationId())
			.param("deployment", course.deploymentId())
			.param("context", course.contextId())
			.query(RubricScores::row)
			.list();
	}

	/** @throws org.springframework.dao.DuplicateKeyException when another save created the seat's row first */
	void insert(RubricScore score) {
		jdbc.sql("""
				INSERT INTO review (id, registration_id, deployment_id, context_id, workspace_id, workspace_version,
				  assessor_subject, levels, comments, overall_comment, state, version, saved_by, saved_at)
				VALUES (:id, :registration, :deployment, :context, :workspace, :workspaceVersion, :seat, :levels,
				  :comments, :overall, :state, :version, :by, :at)
				""")
			.param("id", score.id())
			.param("registration", score.course().registrationId())
			.param("deployment", score.course().deploymentId())
			.param("context", score.course().contextId())
			.param("workspace", score.workspaceId())
			.param("workspaceVersion", score.workspaceVersion())
			.param("seat", score.assessorSubject())
			.param("levels", JsonText.of(score.sheet().levels()))
			.param("comments", JsonText.of(score.sheet().comments()))
			.param("overall", score.sheet().overall())
			.param("state", score.state().name())
			.param("version", score.version())
			.param("by", score.savedBy())
			.param("at", Timestamp.from(score.savedAt()))
			.update();
	}

	/** Stores a sheet over the version it was typed on; false when that is no longer the current version. */
	boolean update(String id, int seenVersion, ScoreSheet sheet, String savedBy, Instant at) {
		return jdbc.sql("""
				UPDATE review SET levels = :levels, comments = :comments, overall_comment = :overall,
				  version = version + 1, saved_by = :by, saved_at = :at
				WHERE id = :id AND version = :seen AND state = 'IN_PROGRESS'
				""")
			.param("levels", JsonText.of(sheet.levels()))
			.param("comments", JsonText.of(sheet.comments()))
			.param("overall", sheet.overall())
			.param("by", savedBy)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.param("seen", seenVersion)
			.update() == 1;
	}

	/** Makes the scores final for their seat; false when another save changed the row since {@code seenVersion}. */
	boolean submit(String id, int seenVersion, Instant at) {
		return jdbc.sql("""
				UPDATE review SET state = 'SUBMITTED', submitted_at = :at, version = version + 1
				WHERE id = :id AND version = :seen AND state = 'IN_PROGRESS'
				""")
			.param("at", Timestamp.from(at))
			.param("id", id)
			.param("seen", seenVersion)
			.update() == 1;
	}

	private static RubricScore row(ResultSet rs, int row) throws SQLException {
		Timestamp submitted = rs.getTimestamp("submitted_at");
		return new RubricScore(rs.getString("id"),
				new CourseKey(rs.getLong("registration_id"), rs.getString("deployment_id"), rs.getString("context_id")),
				rs.getString("workspace_id"), rs.getInt("workspace_version"), rs.getString("assessor_subject"),
				new ScoreSheet(JsonText.map(rs.getString("levels")), JsonText.map(rs.getString("comments")),
						rs.getString("overall_comment")),
				RubricScore.State.valueOf(rs.getString("state")), rs.getInt("version"), rs.getString("saved_by"),
				rs.getTimestamp("saved_at").toInstant(), submitted == null ? null : submitted.toInstant());
	}
}
