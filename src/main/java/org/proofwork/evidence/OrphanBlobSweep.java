package org.proofwork.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.proofwork.evidence.EvidenceStore.ListedBlob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes blobs that no {@code evidence_blob} row names and that are older than
 * {@code proofwork.evidence.orphan-grace}. An upload puts its bytes into the store before its transaction commits
 * the row (the S3 upload, and the filesystem's rename, must not hold a pooled connection or precede the row lock for
 * long), so a node killed in between, or an upload whose clean-up after a rollback could not reach the database,
 * leaves bytes nothing serves and nothing else deletes. Runs hourly as a db-scheduler recurring task, so on one node
 * of the cluster at a time.
 * <p>
 * <b>The race with an upload of the same bytes.</b> An upload that finds its bytes already stored (the old orphan)
 * writes nothing and only inserts the row. The sweep therefore decides under the same lock that keeps an upload and
 * a delete of equal bytes apart: for each candidate it inserts the blob's row itself ({@code ref_count} 0) in a
 * short transaction, re-reads the blob's age, deletes the bytes, and rolls the row back. The insert fails if the row
 * exists (an upload committed since the listing: kept); while it is held, an upload's
 * {@link EvidenceRecords#reference} waits for it, then finds no row, inserts its own and puts its bytes again (the
 * staged file is still there until {@code put}). An upload whose row is not yet committed makes the sweep's insert
 * wait, and keeps the blob if it commits. So no interleaving leaves a row without its bytes; the worst case is an
 * S3 upload that sent its object in {@code prepare} (outside its transaction) just before the sweep deleted an equal
 * old one, and sends it again inside its transaction. The grace period (far longer than an upload) makes even that
 * need the same bytes to be orphaned for a day and uploaded again in the seconds of a sweep, and it keeps the sweep
 * away from the objects of uploads in progress, whose rows are not there yet. Refreshing a reused blob's
 * modification time is thus not needed for safety, and is not done (on S3 it would cost a copy of the object per
 * upload of already stored bytes).
 */
final class OrphanBlobSweep {

	/** The db-scheduler task name. Stored in rows: never rename. */
	static final String TASK = "evidence-orphan-blob-sweep";

	static final Duration EVERY = Duration.ofHours(1);

	/** Hashes looked up in the database per query. */
	private static final int BATCH = 500;

	private static final Logger log = LoggerFactory.getLogger(OrphanBlobSweep.class);

	private final EvidenceStore store;

	private final EvidenceRecords records;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Duration grace;

	OrphanBlobSweep(EvidenceStore store, EvidenceRecords records, PlatformTransactionManager transactionManager,
			Clock clock, Duration grace) {
		this.store = store;
		this.records = records;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.grace = grace;
	}

	RecurringTask<Void> task() {
		return Tasks.recurring(TASK, FixedDelay.of(EVERY)).execute((instance, context) -> sweep());
	}

	/** One pass over the store; a failure on one blob is logged and the pass goes on. */
	Result sweep() {
		long started = System.nanoTime();
		Instant cutoff = clock.instant().minus(grace);
		Result result = new Result();
		try (Stream<ListedBlob> blobs = store.list()) {
			Iterator<ListedBlob> listed = blobs.iterator();
			List<ListedBlob> old = new ArrayList<>(BATCH);
			while (listed.hasNext()) {
				ListedBlob blob = listed.next();
				result.listed++;
				if (blob.lastModified().isBefore(cutoff)) {
					old.add(blob);
				}
				if (old.size() == BATCH || !listed.hasNext()) {
					sweep(old, cutoff, result);
					old.clear();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// The next run starts the pass again; what was deleted is deleted.
			log.warn("Evidence orphan sweep stopped after {} blobs: {}", result.listed, ex.toString());
			result.failed++;
		}
		log.info("Evidence orphan sweep: {} blobs listed, {} without a row and older than {} deleted ({} bytes), "
				+ "{} failed, in {} ms", result.listed, result.deleted, grace, result.deletedBytes, result.failed,
				(System.nanoTime() - started) / 1_000_000);
		return result;
	}

	private void sweep(List<ListedBlob> old, Instant cutoff, Result result) {
		if (old.isEmpty()) {
			return;
		}
		Set<String> withRows = records.blobsWithRows(old.stream().map(ListedBlob::sha256).toList());
		for (ListedBlob blob : old) {
			if (withRows.contains(blob.sha256())) {
				continue;
			}
			try {
				if (deleteIfOrphan(blob, cutoff)) {
					result.deleted++;
					result.deletedBytes += blob.size();
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not sweep evidence blob {}: {}", blob.sha256(), ex.toString());
				result.failed++;
			}
		}
	}

	/**
	 * Deletes the blob if it still has no row and is still older than {@code cutoff}, deciding and deleting under
	 * its claimed row (see the class comment).
	 *
	 * @return whether it was deleted
	 */
	boolean deleteIfOrphan(ListedBlob blob, Instant cutoff) {
		return Boolean.TRUE.equals(transactions.execute(status -> {
			// Never committed: the row only holds the lock while the bytes go.
			status.setRollbackOnly();
			if (!records.claimOrphan(blob.sha256(), blob.size(), clock.instant())) {
				return false;
			}
			try {
				Optional<Instant> modified = store.lastModified(blob.sha256());
				if (modified.isEmpty() || !modified.get().isBefore(cutoff)) {
					// Gone already, or stored again since the listing.
					return false;
				}
				store.delete(blob.sha256());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			log.info("Deleted evidence blob {} ({} bytes, last written {}): no row references it", blob.sha256(),
					blob.size(), blob.lastModified());
			return true;
		}));
	}

	/** What one pass did. */
	static final class Result {

		long listed;

		long deleted;

		long deletedBytes;

		long failed;
	}
}
