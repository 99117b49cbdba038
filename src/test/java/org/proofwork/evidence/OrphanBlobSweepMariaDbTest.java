package org.proofwork.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofwork.catalog.CountRange;
import org.proofwork.catalog.FileSlot;
import org.proofwork.evidence.EvidenceStore.ListedBlob;
import org.proofwork.testing.MariaDb;
import org.proofwork.testing.RequiresMariaDb;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The race of {@link OrphanBlobSweepTest} on MariaDB (InnoDB, repeatable read), where the lock works differently
 * from H2: the upload's update of the blob row waits for the row the sweep inserted. A database of its own.
 */
@RequiresMariaDb
class OrphanBlobSweepMariaDbTest {

	static final String DATABASE = "proofwork_sweep_race";

	static final FileSlot PDF_ONLY = new FileSlot("report", "report", List.of("application/pdf"), new CountRange(0, 20));

	@TempDir
	Path dataDir;

	@Test
	void anUploadReusingAnOrphanWhileTheSweepDeletesItKeepsItsBytes() throws Exception {
		MariaDb.recreate(DATABASE);
		DriverManagerDataSource database = new DriverManagerDataSource(MariaDb.url(DATABASE), MariaDb.USER,
				MariaDb.PASSWORD);
		Flyway.configure()
			.dataSource(database)
			.locations("classpath:db/migration", "classpath:db/vendor/mysql")
			.load()
			.migrate();
		JdbcClient jdbc = JdbcClient.create(database);
		EvidenceRecords records = new EvidenceRecords(jdbc);
		DataSourceTransactionManager transactions = new DataSourceTransactionManager(database);
		Clock clock = Clock.systemUTC();
		StagingArea staging = new StagingArea(dataDir.resolve("evidence").resolve("staging"));
		FileSystemEvidenceStore store = new FileSystemEvidenceStore(dataDir.resolve("evidence"), staging);
		EvidenceSettings settings = new EvidenceSettings(EvidenceSettings.StoreType.FILESYSTEM,
				DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), DataSize.ofMegabytes(3), DataSize.ofMegabytes(5),
				DataSize.ofMegabytes(4), 200, 4, 320, Duration.ofHours(24),
				new EvidenceSettings.S3(null, null, "us-east-1", false, null, null, "evidence/", DataSize.ofMegabytes(16)));
		EvidenceFiles files = new EvidenceFiles(settings, store, staging, records, transactions, clock);
		EvidenceOwner owner = new EvidenceOwner(7, "deployment-1", "course-1", "workspace-1");
		byte[] bytes = OrphanBlobSweepTest.uniquePdf();
		StoredBlob orphan = store.put(new ByteArrayInputStream(bytes));
		Files.setLastModifiedTime(store.path(orphan.sha256()), FileTime.from(clock.instant().minus(Duration.ofDays(2))));
		CompletableFuture<EvidenceFile> upload = new CompletableFuture<>();
		EvidenceStore racing = new OrphanBlobSweepTest.Delegating(store) {

			@Override
			public Optional<Instant> lastModified(String sha256) throws IOException {
				if (!upload.isDone()) {
					new Thread(() -> {
						try {
							upload.complete(files.upload(owner, PDF_ONLY, "report.pdf", new ByteArrayInputStream(bytes),
									bytes.length));
						}
						catch (Throwable ex) {
							upload.completeExceptionally(ex);
						}
					}).start();
					waitUntilLockWaitOrDone(upload);
				}
				return super.lastModified(sha256);
			}
		};
		OrphanBlobSweep sweep = new OrphanBlobSweep(racing, records, transactions, clock, Duration.ofHours(24));

		boolean deleted = sweep.deleteIfOrphan(
				new ListedBlob(orphan.sha256(), orphan.size(), clock.instant().minus(Duration.ofDays(2))),
				clock.instant().minus(Duration.ofHours(24)));

		assertThat(deleted).as("the sweep deleted the old bytes under its claim").isTrue();
		EvidenceFile file = upload.get(30, TimeUnit.SECONDS);
		assertThat(store.exists(orphan.sha256())).as("stored again by the upload").isTrue();
		assertThat(jdbc.sql("SELECT ref_count FROM evidence_blob WHERE sha256 = ?")
			.param(orphan.sha256())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(files.find(owner, file.id())).isPresent();
	}

	/** Until a transaction in this test's database waits for a lock (the upload's), or the upload ended; 20 s at most. */
	private static void waitUntilLockWaitOrDone(CompletableFuture<?> upload) {
		JdbcClient monitor = JdbcClient.create(new DriverManagerDataSource(MariaDb.url(DATABASE), MariaDb.USER,
				MariaDb.PASSWORD));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (!upload.isDone() && System.nanoTime() < deadline) {
			long waiting = monitor.sql("""
					SELECT COUNT(*) FROM information_schema.innodb_trx t
					JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
					WHERE t.trx_state = 'LOCK WAIT' AND p.db = ?
					""").param(DATABASE).query(Long.class).single();
			if (waiting > 0) {
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
}
