package org.proofwork.gradebook;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.proofwork.lti.CourseKey;
import org.proofwork.review.DecisionRecorded;
import org.proofwork.submission.GradeTarget;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The outbox table {@code score_delivery}. State changes only ever move a row out of {@code PENDING} (or back into
 * it when a person sends it again), so a worker that lost a race never overwrites what another decided.
 */
@Repository
class ScoreDeliveries {

	/** Longest platform excerpt kept with a problem. */
	private static final int DETAIL_LENGTH = 1000;

	private static final String COLUMNS = """
			id, registration_id, deployment_id, context_id, resource_link_id, user_id, workspace_id,
			workspace_version, credential_id, event_key, kind, outcome, feedback, product_family, line_items_url,
			launch_line_item_url, scopes, resource_link_title, occurred_at, recorded_at, state, failed_attempts,
			next_attempt_at, line_item_url, score_given, score_maximum, sent_timestamp, delivered_at, problem,
			problem_detail, updated_at
			""";

	private final JdbcClient jdbc;

	ScoreDeliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean exists(String eventKey, String userId) {
		return jdbc.sql("SELECT COUNT(*) FROM score_delivery WHERE event_key = :key AND user_id = :user")
			.param("key", eventKey)
			.param("user", userId)
			.query(Long.class)
			.single() > 0;
	}

	/** The latest score of a cell that was not superseded, by when it happened. */
	Optional<ScoreDelivery> newestOf(Cell cell) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM score_delivery
				WHERE registration_id = :registration AND deployment_id = :deployment
				  AND resource_link_id = :link AND user_id = :user AND state <> 'SUPERSEDED'
				ORDER BY occurred_at DESC, id DESC
				""")
			.params(cellParams(cell))
			.query(ScoreDeliveries::row)
			.stream()
			.findFirst();
	}

	/**
	 * Marks the cell's scores that were not delivered (waiting, refused or parked) as superseded: a newer state is
	 * on its way and the older must never reach the gradebook after it. The rows are found first and updated by id:
	 * an update by range would take gap locks on MySQL, and two listeners inserting next to each other would
	 * deadlock.
	 */
	int supersedeUndelivered(Cell cell, Instant now) {
		List<Long> ids = jdbc.sql("""
				SELECT id FROM score_delivery
				WHERE registration_id = :registration AND deployment_id = :deployment
				  AND resource_link_id = :link AND user_id = :user AND state IN ('PENDING', 'FAILED', 'PARKED')
				""")
			.params(cellParams(cell))
			.query(Long.class)
			.list();
		if (ids.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				UPDATE score_delivery SET state = 'SUPERSEDED', next_attempt_at = NULL, updated_at = :now
				WHERE id IN (:ids) AND state IN ('PENDING', 'FAILED', 'PARKED')
				""")
			.param("ids", ids)
			.param("now", Timestamp.from(now))
			.update();
	}

	long insert(OwedScore owed, DeliveryState state, DeliveryProblem problem, Instant now) {
		GradeTarget target = owed.target();
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO score_delivery (registration_id, deployment_id, context_id, resource_link_id, user_id,
				  workspace_id, workspace_version, credential_id, event_key, kind, outcome, feedback, product_family,
				  line_items_url, launch_line_item_url, scopes, resource_link_title, occurred_at, recorded_at, state,
				  failed_attempts, problem, updated_at)
				VALUES (:registration, :deployment, :context, :link, :user, :workspace, :version, :credential, :key,
				  :kind, :outcome, :feedback, :family, :lineItems, :lineItem, :scopes, :title, :occurred, :now, :state,
				  0, :problem, :now)
				""")
			.params(cellParams(owed.cell()))
			.param("context", owed.contextId() == null ? "" : owed.contextId())
			.param("workspace", owed.workspaceId())
			.param("version", owed.workspaceVersion())
			.param("credential", owed.credentialId())
			.param("key", owed.eventKey())
			.param("kind", owed.kind().name())
			.param("outcome", owed.outcome() == null ? null : owed.outcome().name())
			.param("feedback", owed.feedback())
			.param("family", target == null ? null : target.productFamily())
			.param("lineItems", target == null || target.lineItems() == null ? null : target.lineItems().toString())
			.param("lineItem", target == null || target.lineItem() == null ? null : target.lineItem().toString())
			.param("scopes", target == null ? "" : String.join(" ", target.scopes()))
			.param("title", target == null ? null : truncate(target.resourceLinkTitle(), 255))
			.param("occurred", Timestamp.from(owed.occurredAt()))
			.param("now", Timestamp.from(now))
			.param("state", state.name())
			.param("problem", problem == null ? null : problem.name())
			.update(key, "id");
		return key.getKey().longValue();
	}

	Optional<ScoreDelivery> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM score_delivery WHERE id = :id")
			.param("id", id)
			.query(ScoreDeliveries::row)
			.optional();
	}

	/** A delivery of one course only: ids from a page never reach another course's rows. */
	Optional<ScoreDelivery> find(long id, CourseKey course) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM score_delivery
				WHERE id = :id AND registration_id = :registration AND deployment_id = :deployment
				  AND context_id = :context
				""")
			.param("id", id)
			.params(courseParams(course))
			.query(ScoreDeliveries::row)
			.optional();
	}

	/** Every score of a course, oldest first. */
	List<ScoreDelivery> ofCourse(CourseKey course) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM score_delivery
				WHERE registration_id = :registration AND deployment_id = :deployment AND context_id = :context
				ORDER BY occurred_at, id
				""")
			.params(courseParams(course))
			.query(ScoreDeliveries::row)
			.list();
	}

	/** Every score of one workspace in a course, oldest first. */
	List<ScoreDelivery> ofWorkspace(CourseKey course, String workspaceId) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM score_delivery
				WHERE registration_id = :registration AND deployment_id = :deployment AND context_id = :context
				  AND workspace_id = :workspace
				ORDER BY occurred_at, id
				""")
			.params(courseParams(course))
			.param("workspace", workspaceId)
			.query(ScoreDeliveries::row)
			.list();
	}

	/** Scores that need a person: parked first, then refused, newest first. */
	List<ScoreDelivery> needingAttention(int limit) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM score_delivery WHERE state IN ('PARKED', 'FAILED')
				ORDER BY CASE state WHEN 'PARKED' THEN 0 ELSE 1 END, updated_at DESC
				LIMIT :limit
				""")
			.param("limit", limit)
			.query(ScoreDeliveries::row)
			.list();
	}

	/** The parked scores of one platform, oldest first: after an outage they go out in the order they were owed. */
	List<ScoreDelivery> parked(long registrationId) {
		return jdbc.sql("SELECT " + COLUMNS + """
				FROM score_delivery WHERE state = 'PARKED' AND registration_id = :registration
				ORDER BY id
				""")
			.param("registration", registrationId)
			.query(ScoreDeliveries::row)
			.list();
	}

	/** How many scores are parked per platform (registration id), beyond the page's limit. */
	Map<Long, Long> parkedPerPlatform() {
		Map<Long, Long> counts = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT registration_id, COUNT(*) AS parked FROM score_delivery WHERE state = 'PARKED'
				GROUP BY registration_id ORDER BY registration_id
				""").query((ResultSet rs) -> {
			counts.put(rs.getLong("registration_id"), rs.getLong("parked"));
		});
		return counts;
	}

	/** Locks the row for the rest of the transaction and returns its state. */
	Optional<DeliveryState> lockState(long id) {
		return jdbc.sql("SELECT state FROM score_delivery WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(String.class)
			.optional()
			.map(DeliveryState::valueOf);
	}

	/** Records what is about to be sent. */
	void sending(long id, URI lineItem, Instant timestamp, Double scoreGiven, Double scoreMaximum, Instant now) {
		jdbc.sql("""
				UPDATE score_delivery SET line_item_url = :lineItem, sent_timestamp = :timestamp,
				  score_given = :given, score_maximum = :maximum, updated_at = :now
				WHERE id = :id
				""")
			.param("lineItem", lineItem.toString())
			.param("timestamp", Timestamp.from(timestamp))
			.param("given", scoreGiven)
			.param("maximum", scoreMaximum)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	/**
	 * The platform accepted it. A score superseded while in flight stays superseded, but keeps when it arrived.
	 */
	void delivered(long id, Instant now) {
		jdbc.sql("""
				UPDATE score_delivery SET delivered_at = :now, updated_at = :now, next_attempt_at = NULL,
				  problem = NULL, problem_detail = NULL,
				  state = CASE WHEN state = 'PENDING' THEN 'DELIVERED' ELSE state END
				WHERE id = :id
				""")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	/** The try failed; another follows at {@code next}. */
	void retrying(long id, int failedAttempts, Instant next, DeliveryProblem problem, String detail, Instant now) {
		jdbc.sql("""
				UPDATE score_delivery SET failed_attempts = :failed, next_attempt_at = :next, problem = :problem,
				  problem_detail = :detail, updated_at = :now
				WHERE id = :id AND state = 'PENDING'
				""")
			.param("failed", failedAttempts)
			.param("next", Timestamp.from(next))
			.param("problem", problem.name())
			.param("detail", truncate(detail, DETAIL_LENGTH))
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	/** Ends a pending delivery that was not delivered: refused, parked or impossible. */
	boolean finish(long id, DeliveryState state, DeliveryProblem problem, String detail, Instant now) {
		return jdbc.sql("""
				UPDATE score_delivery SET state = :state, problem = :problem, problem_detail = :detail,
				  next_attempt_at = NULL, updated_at = :now
				WHERE id = :id AND state = 'PENDING'
				""")
			.param("state", state.name())
			.param("problem", problem.name())
			.param("detail", truncate(detail, DETAIL_LENGTH))
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update() == 1;
	}

	/** Ends a pending delivery that kept failing: it waits for a person to send it again. */
	boolean park(long id, int failedAttempts, String detail, Instant now) {
		return jdbc.sql("""
				UPDATE score_delivery SET state = 'PARKED', problem = 'KEEPS_FAILING', problem_detail = :detail,
				  failed_attempts = :failed, next_attempt_at = NULL, updated_at = :now
				WHERE id = :id AND state = 'PENDING'
				""")
			.param("detail", truncate(detail, DETAIL_LENGTH))
			.param("failed", failedAttempts)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update() == 1;
	}

	/** Puts a refused or parked score back in the queue, with a fresh count of tries. */
	boolean reopen(long id, Instant now) {
		return jdbc.sql("""
				UPDATE score_delivery SET state = 'PENDING', failed_attempts = 0, next_attempt_at = :now,
				  problem = NULL, problem_detail = NULL, updated_at = :now
				WHERE id = :id AND state IN ('FAILED', 'PARKED')
				""")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update() == 1;
	}

	private static java.util.Map<String, Object> cellParams(Cell cell) {
		return java.util.Map.of("registration", cell.registrationId(), "deployment", cell.deploymentId(), "link",
				cell.resourceLinkId(), "user", cell.userId());
	}

	private static java.util.Map<String, Object> courseParams(CourseKey course) {
		return java.util.Map.of("registration", course.registrationId(), "deployment", course.deploymentId(),
				"context", course.contextId());
	}

	private static ScoreDelivery row(ResultSet rs, int rowNumber) throws SQLException {
		Cell cell = new Cell(rs.getLong("registration_id"), rs.getString("deployment_id"),
				rs.getString("resource_link_id"), rs.getString("user_id"));
		String scopes = rs.getString("scopes");
		Set<String> scopeSet = scopes == null || scopes.isBlank() ? Set.of()
				: new LinkedHashSet<>(Arrays.asList(scopes.split(" ")));
		GradeTarget target = new GradeTarget(rs.getString("product_family"), uri(rs.getString("line_items_url")),
				uri(rs.getString("launch_line_item_url")), scopeSet, rs.getString("resource_link_title"));
		String outcome = rs.getString("outcome");
		OwedScore owed = new OwedScore(cell, rs.getString("context_id"), rs.getString("workspace_id"),
				rs.getInt("workspace_version"), rs.getString("credential_id"), rs.getString("event_key"),
				OwedScore.Kind.valueOf(rs.getString("kind")),
				outcome == null ? null : DecisionRecorded.Outcome.valueOf(outcome), rs.getString("feedback"), target,
				instant(rs, "occurred_at"));
		String problem = rs.getString("problem");
		return new ScoreDelivery(rs.getLong("id"), owed, DeliveryState.valueOf(rs.getString("state")),
				rs.getInt("failed_attempts"), instant(rs, "next_attempt_at"), uri(rs.getString("line_item_url")),
				nullableDouble(rs, "score_given"), nullableDouble(rs, "score_maximum"), instant(rs, "sent_timestamp"),
				instant(rs, "delivered_at"), problem == null ? null : DeliveryProblem.valueOf(problem),
				rs.getString("problem_detail"), instant(rs, "recorded_at"), instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

	private static URI uri(String value) {
		return value == null || value.isBlank() ? null : URI.create(value);
	}

	static String truncate(String text, int length) {
		return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
	}
}
