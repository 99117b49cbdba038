package org.proofwork.gradebook;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.lti.AssignmentGradeService;
import org.proofwork.lti.LineItem;
import org.proofwork.lti.NewLineItem;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformServiceException;
import org.proofwork.submission.GradeTarget;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The gradebook column of each placement. The launch's own line item comes first (Deep Linking asked the platform to
 * create it; on Moodle it is the graded activity's grade item); without one the column is found by resource link,
 * resourceId and tag, and created only when there is none. The answer is stored per placement, so every later score
 * goes to the same column and no node ever creates a second one: the find-or-create runs under the placement row's
 * lock. The column's maximum is read from the platform, never assumed.
 */
@Component
class GradebookColumns {

	private static final Logger log = LoggerFactory.getLogger(GradebookColumns.class);

	/** The tag of the columns Proofwork creates; the Deep Linking response uses the same. */
	static final String TAG = "proofwork-credential";

	/**
	 * How long a column's maximum is trusted before it is read again. Teachers rarely change it, and platforms rescale
	 * to their own maximum anyway; reading it once an hour per placement costs nothing and keeps it honest.
	 */
	static final Duration RECHECK_AFTER = Duration.ofHours(1);

	/** A column the tool creates is pass/fail: 1 for Earned, 0 for Not yet. */
	static final double CREATED_MAXIMUM = 1.0;

	/** On this node, one thread per placement talks to the platform; the others wait for its answer. */
	private final ConcurrentMap<Cell.Placement, CompletableFuture<Column>> resolving = new ConcurrentHashMap<>();

	private final AssignmentGradeService grades;

	private final PlatformHosts hosts;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	GradebookColumns(AssignmentGradeService grades, PlatformHosts hosts, JdbcClient jdbc,
			TransactionTemplate transactions, Clock clock) {
		this.grades = grades;
		this.hosts = hosts;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A line item and its maximum. */
	record Column(URI url, double scoreMaximum) {
	}

	/** The column a score of this placement goes to. */
	Column resolve(Platform platform, OwedScore owed) {
		Cell.Placement placement = owed.cell().placement();
		GradeTarget target = owed.target();
		Optional<Stored> stored = stored(placement);
		URI gone = stored.map(Stored::gone).orElse(null);
		URI launchItem = target.lineItem();
		if (launchItem != null && !launchItem.equals(gone)) {
			if (stored.isPresent() && stored.get().isFresh(launchItem, clock.instant())) {
				return stored.get().column();
			}
			return once(placement, () -> {
				LineItem item = hosts.send(launchItem, () -> grades.readLineItem(platform, launchItem));
				double maximum = maximumOf(item);
				save(placement, owed.contextId(), launchItem, maximum);
				return new Column(launchItem, maximum);
			});
		}
		if (target.lineItems() == null) {
			// The launch's own column was deleted and the launch offers no way to find or create another.
			throw new PlatformServiceException("GET " + launchItem, 404, false, null,
					"the gradebook column was deleted and the launch has no line items service", "", null);
		}
		if (stored.isPresent() && stored.get().url() != null && stored.get().isFresh(stored.get().url(),
				clock.instant())) {
			return stored.get().column();
		}
		return once(placement, () -> findOrCreate(platform, owed, placement));
	}

	/**
	 * The platform answered 404 for this column: it is not used again for the placement, and the next score finds or
	 * creates another.
	 */
	void forget(Cell.Placement placement, String contextId, URI lineItem) {
		ensureRow(placement, contextId);
		jdbc.sql("""
				UPDATE gradebook_column SET gone_line_item_url = :gone,
				  line_item_url = CASE WHEN line_item_url = :gone THEN NULL ELSE line_item_url END
				WHERE registration_id = :registration AND deployment_id = :deployment AND resource_link_id = :link
				""")
			.param("gone", lineItem.toString())
			.param("registration", placement.registrationId())
			.param("deployment", placement.deploymentId())
			.param("link", placement.resourceLinkId())
			.update();
		log.info("Line item {} of placement {} is gone; the next score finds or creates another", lineItem, placement);
	}

	private Column findOrCreate(Platform platform, OwedScore owed, Cell.Placement placement) {
		// The row exists before the locking transaction starts: inserting it inside, next to another node doing the
		// same, would deadlock on MySQL.
		ensureRow(placement, owed.contextId());
		return transactions.execute(status -> {
			Stored locked = jdbc.sql("""
					SELECT line_item_url, score_maximum, checked_at, gone_line_item_url FROM gradebook_column
					WHERE registration_id = :registration AND deployment_id = :deployment AND resource_link_id = :link
					FOR UPDATE
					""")
				.params(placementParams(placement))
				.query(GradebookColumns::stored)
				.single();
			Instant now = clock.instant();
			if (locked.url() != null && locked.isFresh(locked.url(), now)) {
				// Another node resolved it while this one waited for the lock.
				return locked.column();
			}
			LineItem item;
			if (locked.url() != null) {
				item = hosts.send(locked.url(), () -> grades.readLineItem(platform, locked.url()));
			}
			else {
				GradeTarget target = owed.target();
				item = hosts.send(target.lineItems(),
						() -> grades.findOrCreateLineItem(platform, target.lineItems(), newLineItem(owed)));
				log.info("Placement {} grades go to line item {}", placement, item.id());
			}
			double maximum = maximumOf(item);
			update(placement, item.id(), maximum, now);
			return new Column(item.id(), maximum);
		});
	}

	/** A line item without a usable maximum (the field is required, but not every platform sends it) counts as 1. */
	private static double maximumOf(LineItem item) {
		if (item.scoreMaximum() > 0 && !Double.isInfinite(item.scoreMaximum())) {
			return item.scoreMaximum();
		}
		log.warn("Line item {} has no usable scoreMaximum ({}); grades are sent out of 1", item.id(),
				item.scoreMaximum());
		return CREATED_MAXIMUM;
	}

	private static NewLineItem newLineItem(OwedScore owed) {
		String title = owed.target().resourceLinkTitle();
		String label = title == null || title.isBlank() ? owed.credentialId() : title.strip();
		return new NewLineItem(label, CREATED_MAXIMUM, owed.credentialId(), TAG, owed.cell().resourceLinkId());
	}

	private Column once(Cell.Placement placement, Supplier<Column> resolution) {
		CompletableFuture<Column> mine = new CompletableFuture<>();
		CompletableFuture<Column> running = resolving.putIfAbsent(placement, mine);
		if (running != null) {
			try {
				return running.join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException cause) {
					throw cause;
				}
				throw ex;
			}
		}
		try {
			Column column = resolution.get();
			mine.complete(column);
			return column;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			resolving.remove(placement, mine);
		}
	}

	private Optional<Stored> stored(Cell.Placement placement) {
		return jdbc.sql("""
				SELECT line_item_url, score_maximum, checked_at, gone_line_item_url FROM gradebook_column
				WHERE registration_id = :registration AND deployment_id = :deployment AND resource_link_id = :link
				""")
			.params(placementParams(placement))
			.query(GradebookColumns::stored)
			.optional();
	}

	private void ensureRow(Cell.Placement placement, String contextId) {
		try {
			jdbc.sql("""
					INSERT INTO gradebook_column (registration_id, deployment_id, resource_link_id, context_id)
					VALUES (:registration, :deployment, :link, :context)
					""")
				.params(placementParams(placement))
				.param("context", contextId == null ? "" : contextId)
				.update();
		}
		catch (DuplicateKeyException ex) {
			// It exists: what this wanted.
		}
	}

	private void save(Cell.Placement placement, String contextId, URI lineItem, double scoreMaximum) {
		ensureRow(placement, contextId);
		update(placement, lineItem, scoreMaximum, clock.instant());
	}

	private void update(Cell.Placement placement, URI lineItem, double scoreMaximum, Instant now) {
		jdbc.sql("""
				UPDATE gradebook_column SET line_item_url = :url, score_maximum = :maximum, checked_at = :now
				WHERE registration_id = :registration AND deployment_id = :deployment AND resource_link_id = :link
				""")
			.param("url", lineItem.toString())
			.param("maximum", scoreMaximum)
			.param("now", Timestamp.from(now))
			.params(placementParams(placement))
			.update();
	}

	private static java.util.Map<String, Object> placementParams(Cell.Placement placement) {
		return java.util.Map.of("registration", placement.registrationId(), "deployment", placement.deploymentId(),
				"link", placement.resourceLinkId());
	}

	private static Stored stored(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		String url = rs.getString("line_item_url");
		double maximum = rs.getDouble("score_maximum");
		Double scoreMaximum = rs.wasNull() ? null : maximum;
		Timestamp checked = rs.getTimestamp("checked_at");
		String gone = rs.getString("gone_line_item_url");
		return new Stored(url == null ? null : URI.create(url), scoreMaximum,
				checked == null ? null : checked.toInstant(), gone == null ? null : URI.create(gone));
	}

	/** A placement's row: its column, when that was last read, and a column known to be gone. */
	private record Stored(URI url, Double scoreMaximum, Instant checkedAt, URI gone) {

		boolean isFresh(URI wanted, Instant now) {
			return wanted.equals(url) && scoreMaximum != null && scoreMaximum > 0 && checkedAt != null
					&& checkedAt.plus(RECHECK_AFTER).isAfter(now);
		}

		Column column() {
			return new Column(url, scoreMaximum);
		}
	}
}
