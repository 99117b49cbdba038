package org.proofwork.evidence;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.proofwork.system.ProofworkProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The store {@code proofwork.evidence.store} names, the local staging folder every store writes through, and the
 * sweep of blobs no row references.
 */
@Configuration(proxyBeanMethods = false)
class EvidenceStoreConfiguration {

	/** Under the evidence folder, so the filesystem store's final step is a rename within one filesystem. */
	@Bean
	StagingArea evidenceStaging(ProofworkProperties proofwork) {
		return new StagingArea(proofwork.dataDir().resolve("evidence").resolve("staging"));
	}

	@Bean
	EvidenceStore evidenceStore(EvidenceSettings settings, ProofworkProperties proofwork, StagingArea staging) {
		return switch (settings.store()) {
			case FILESYSTEM -> new FileSystemEvidenceStore(proofwork.dataDir().resolve("evidence"), staging);
			case S3 -> S3EvidenceStore.create(settings.s3(), staging);
		};
	}

	@Bean
	OrphanBlobSweep orphanBlobSweep(EvidenceStore store, EvidenceRecords records,
			PlatformTransactionManager transactionManager, Clock clock, EvidenceSettings settings) {
		return new OrphanBlobSweep(store, records, transactionManager, clock, settings.orphanGrace());
	}

	/**
	 * The sweep as a db-scheduler recurring task (one node at a time). The application has one scheduler, on the
	 * {@code scheduled_tasks} table, which starts every {@link RecurringTask} bean: a second scheduler on that table
	 * would take this module's executions for unknown tasks. Only the library's type crosses modules.
	 */
	@Bean
	RecurringTask<Void> evidenceOrphanSweepTask(OrphanBlobSweep sweep) {
		return sweep.task();
	}
}
