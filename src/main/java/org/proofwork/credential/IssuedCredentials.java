package org.proofwork.credential;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.proofwork.lti.CourseKey;
import org.proofwork.lti.PersonKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;

/** The {@code credential} table: issued credentials, found by id, by earner or by course. */
@Repository
class IssuedCredentials {

	private static final String COLUMNS = """
			c.id, c.decision_id, c.member_subject, c.registration_id, c.deployment_id, c.context_id,
			c.resource_link_id, c.workspace_id, c.workspace_version, c.definition_id, c.title, c.earner_name,
			c.team_size, c.rubric_levels, c.decided_at, c.issued_at, c.valid_until, c.key_id, c.credential_json,
			c.compact_jwt
			""";

	private final JdbcClient jdbc;

	IssuedCredentials(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(IssuedCredential credential) {
		jdbc.sql("""
				INSERT INTO credential (id, decision_id, member_subject, registration_id, deployment_id, context_id,
				  resource_link_id, workspace_id, workspace_version, definition_id, title, earner_name, team_size,
				  rubric_levels, decided_at, issued_at, valid_until, key_id, credential_json, compact_jwt)
				VALUES (:id, :decision, :subject, :registration, :deployment, :context, :link, :workspace, :version,
				  :definition, :title, :earner, :teamSize, :levels, :decidedAt, :issuedAt, :validUntil, :keyId, :json,
				  :jwt)
				""")
			.param("id", credential.id())
			.param("decision", credential.decisionId())
			.param("subject", credential.memberSubject())
			.param("registration", credential.course().registrationId())
			.param("deployment", credential.course().deploymentId())
			.param("context", credential.course().contextId())
			.param("link", credential.resourceLinkId())
			.param("workspace", credential.workspaceId())
			.param("version", credential.workspaceVersion())
			.param("definition", credential.definitionId())
			.param("title", credential.title())
			.param("earner", credential.earnerName())
			.param("teamSize", credential.teamSize())
			.param("levels", VcJwt.json.writeValueAsString(credential.levels()))
			.param("decidedAt", Timestamp.from(credential.decidedAt()))
			.param("issuedAt", Timestamp.from(credential.issuedAt()))
			.param("validUntil", credential.validUntil().map(Timestamp::from).orElse(null))
			.param("keyId", credential.keyId())
			.param("json", credential.credentialJson())
			.param("jwt", credential.compactJwt())
			.update();
	}

	boolean exists(String decisionId, String memberSubject) {
		return jdbc.sql("SELECT COUNT(*) FROM credential WHERE decision_id = :decision AND member_subject = :subject")
			.param("decision", decisionId)
			.param("subject", memberSubject)
			.query(Long.class)
			.single() > 0;
	}

	Optional<IssuedCredential> find(String id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM credential c WHERE c.id = :id")
			.param("id", id)
			.query(IssuedCredentials::row)
			.optional();
	}

	/** A person's credentials, newest first: everything they earned through this platform registration. */
	List<IssuedCredential> of(PersonKey person) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM credential c WHERE c.registration_id = :registration AND c.member_subject = :subject
				ORDER BY c.issued_at DESC, c.id
				""")
			.param("registration", person.registrationId())
			.param("subject", person.subject())
			.query(IssuedCredentials::row)
			.list();
	}

	/** The credentials earned in a course, newest first. */
	List<IssuedCredential> in(CourseKey course) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM credential c
				WHERE c.registration_id = :registration AND c.deployment_id = :deployment AND c.context_id = :context
				ORDER BY c.issued_at DESC, c.id
				""")
			.param("registration", course.registrationId())
			.param("deployment", course.deploymentId())
			.param("context", course.contextId())
			.query(IssuedCredentials::row)
			.list();
	}

	/** The newest credentials across the tool, for the administrator. */
	List<IssuedCredential> newest(int limit) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM credential c ORDER BY c.issued_at DESC, c.id LIMIT " + limit)
			.query(IssuedCredentials::row)
			.list();
	}

	private static IssuedCredential row(ResultSet rs, int row) throws SQLException {
		Timestamp validUntil = rs.getTimestamp("valid_until");
		Map<String, String> levels = VcJwt.json.readValue(rs.getString("rubric_levels"),
				new TypeReference<Map<String, String>>() {
				});
		return new IssuedCredential(rs.getString("id"), rs.getString("decision_id"), rs.getString("member_subject"),
				new CourseKey(rs.getLong("registration_id"), rs.getString("deployment_id"), rs.getString("context_id")),
				rs.getString("resource_link_id"), rs.getString("workspace_id"), rs.getInt("workspace_version"),
				rs.getString("definition_id"), rs.getString("title"), rs.getString("earner_name"),
				rs.getInt("team_size"), levels, instant(rs, "decided_at"), instant(rs, "issued_at"),
				Optional.ofNullable(validUntil).map(Timestamp::toInstant), rs.getString("key_id"),
				rs.getString("credential_json"), rs.getString("compact_jwt"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getTimestamp(column).toInstant();
	}
}
