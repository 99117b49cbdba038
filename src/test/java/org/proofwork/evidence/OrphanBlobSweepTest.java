package org.proofwork.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.proofwork.evidence.EvidenceStore.ListedBlob;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep of blobs without an {@code evidence_blob} row, on the filesystem store and H2: old orphans go, fresh
 * ones and referenced ones stay, and an upload of the same bytes that reuses an orphan while the sweep deletes it
 * still ends with its bytes stored.
 */
class OrphanBlobSweepTest extends EvidenceTestBase {

	private static final Duration GRACE = Duration.ofHours(24);

	@Autowired
	EvidenceRecords records;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Clock clock;

	@Test
	void deletesAnOrphanOlderThanTheGracePeriod() throws IOException {
		StoredBlob orphan = store.put(new ByteArrayInputStream(uniquePdf()));
		age(orphan.sha256(), Duration.ofHours(25));

		OrphanBlobSweep.Result result = sweep(store).sweep();

		assertThat(store.exists(orphan.sha256())).isFalse();
		assertThat(result.listed).isPositive();
		assertThat(result.failed).isZero();
		// Another sweep (the scheduled one) may have taken it first; none takes any other file of these tests.
		assertThat(result.deleted).isBetween(0L, 1L);
	}

	@Test
	void keepsAnOrphanYoungerThanTheGracePeriod() throws IOException {
		StoredBlob orphan = store.put(new ByteArrayInputStream(uniquePdf()));
		age(orphan.sha256(), Duration.ofHours(23));

		sweep(store).sweep();

		assertThat(store.exists(orphan.sha256())).isTrue();
	}

	@Test
	void keepsAReferencedBlobHoweverOld() throws IOException {
		EvidenceOwner owner = newOwner();
		byte[] bytes = uniquePdf();
		EvidenceFile file = upload(owner, PDF_ONLY, "report.pdf", bytes);
		age(file.sha256(), Duration.ofDays(400));

		sweep(store).sweep();

		assertThat(body(files.serve(owner, file.id(), false, false))).isEqualTo(bytes);
	}

	@Test
	void keepsABlobWhoseRowAppearedAfterTheListing() throws IOException {
		EvidenceOwner owner = newOwner();
		EvidenceFile file = upload(owner, PDF_ONLY, "report.pdf", uniquePdf());
		age(file.sha256(), Duration.ofDays(2));
		// As listed before the upload committed: old, and (then) without a row.
		ListedBlob listed = new ListedBlob(file.sha256(), file.size(), clock.instant().minus(Duration.ofDays(2)));

		assertThat(sweep(store).deleteIfOrphan(listed, clock.instant().minus(GRACE))).isFalse();

		assertThat(store.exists(file.sha256())).isTrue();
	}

	@Test
	void keepsABlobStoredAgainAfterTheListing() throws IOException {
		StoredBlob orphan = store.put(new ByteArrayInputStream(uniquePdf()));
		// Listed as old, but written again since (an upload that then failed, say): young again.
		ListedBlob listed = new ListedBlob(orphan.sha256(), orphan.size(), clock.instant().minus(Duration.ofDays(2)));

		assertThat(sweep(store).deleteIfOrphan(listed, clock.instant().minus(GRACE))).isFalse();

		assertThat(store.exists(orphan.sha256())).isTrue();
	}

	/**
	 * The race that matters: an old orphan, and an upload of the same bytes (which finds them stored and writes
	 * nothing) reaching its transaction at the moment the sweep has decided to delete them. The store's
	 * {@code lastModified}, which the sweep calls with the blob's row claimed and just before it deletes, starts the
	 * upload and lets the sweep go on only once the upload waits for a lock (or has ended, which would be the bug).
	 */
	@Test
	void anUploadReusingAnOrphanWhileTheSweepDeletesItKeepsItsBytes() throws Exception {
		EvidenceOwner owner = newOwner();
		byte[] bytes = uniquePdf();
		StoredBlob orphan = store.put(new ByteArrayInputStream(bytes));
		age(orphan.sha256(), Duration.ofDays(2));
		CompletableFuture<EvidenceFile> upload = new CompletableFuture<>();
		EvidenceStore racing = new Delegating(store) {

			@Override
			public Optional<Instant> lastModified(String sha256) throws IOException {
				if (sha256.equals(orphan.sha256()) && !upload.isDone()) {
					Thread uploader = new Thread(() -> {
						try {
							upload.complete(upload(owner, PDF_ONLY, "report.pdf", bytes));
						}
						catch (Throwable ex) {
							upload.completeExceptionally(ex);
						}
					});
					uploader.start();
					waitUntilBlockedOrDone(uploader, upload);
				}
				return super.lastModified(sha256);
			}
		};

		OrphanBlobSweep sweep = sweep(racing);
		boolean deleted = sweep.deleteIfOrphan(
				new ListedBlob(orphan.sha256(), orphan.size(), clock.instant().minus(Duration.ofDays(2))),
				clock.instant().minus(GRACE));

		assertThat(deleted).as("the sweep deleted the old bytes under its claim").isTrue();
		EvidenceFile file = upload.get(30, TimeUnit.SECONDS);
		assertThat(file.sha256()).isEqualTo(orphan.sha256());
		assertThat(store.exists(orphan.sha256())).as("stored again by the upload").isTrue();
		assertThat(body(files.serve(owner, file.id(), false, false))).isEqualTo(bytes);
		assertThat(records.lockBlob(orphan.sha256())).contains(1);
		// And a later sweep leaves it: it has its row.
		age(orphan.sha256(), Duration.ofDays(2));
		sweep.sweep();
		assertThat(store.exists(orphan.sha256())).isTrue();
	}

	/**
	 * Until the uploader is in the insert of its blob row (its update found no committed row), which H2 retries
	 * until the sweep's transaction ends, or has ended; 20 seconds at most.
	 */
	private static void waitUntilBlockedOrDone(Thread uploader, CompletableFuture<?> upload) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (!upload.isDone() && System.nanoTime() < deadline) {
			List<StackTraceElement> stack = List.of(uploader.getStackTrace());
			if (stack.stream().anyMatch(frame -> frame.getClassName().equals(EvidenceRecords.class.getName())
					&& frame.getMethodName().equals("reference"))
					&& stack.stream().anyMatch(frame -> frame.getClassName().equals("org.h2.command.dml.Insert"))) {
				return;
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private OrphanBlobSweep sweep(EvidenceStore on) {
		return new OrphanBlobSweep(on, records, transactions, clock, GRACE);
	}

	private void age(String sha256, Duration age) throws IOException {
		Path file = ((FileSystemEvidenceStore) store).path(sha256);
		Files.setLastModifiedTime(file, FileTime.from(clock.instant().minus(age)));
	}

	/** A PDF no other test stores (they share the database and the store). */
	static byte[] uniquePdf() {
		byte[] pdf = Samples.pdf();
		byte[] tail = ("% " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII);
		byte[] bytes = new byte[pdf.length + tail.length];
		System.arraycopy(pdf, 0, bytes, 0, pdf.length);
		System.arraycopy(tail, 0, bytes, pdf.length, tail.length);
		return bytes;
	}

	/** A store that does what another does, for tests to step in. */
	static class Delegating implements EvidenceStore {

		private final EvidenceStore store;

		Delegating(EvidenceStore store) {
			this.store = store;
		}

		@Override
		public StoredBlob put(InputStream content) throws IOException {
			return store.put(content);
		}

		@Override
		public StoredBlob put(Path stagedFile, String sha256) throws IOException {
			return store.put(stagedFile, sha256);
		}

		@Override
		public void prepare(Path stagedFile, String sha256) throws IOException {
			store.prepare(stagedFile, sha256);
		}

		@Override
		public InputStream open(String sha256) throws IOException {
			return store.open(sha256);
		}

		@Override
		public boolean exists(String sha256) throws IOException {
			return store.exists(sha256);
		}

		@Override
		public void delete(String sha256) throws IOException {
			store.delete(sha256);
		}

		@Override
		public Stream<ListedBlob> list() throws IOException {
			return store.list();
		}

		@Override
		public Optional<Instant> lastModified(String sha256) throws IOException {
			return store.lastModified(sha256);
		}
	}
}
