package org.proofwork.evidence;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The sweep of blobs no row references, and the recurring task that runs it. */
@Configuration(proxyBeanMethods = false)
class OrphanBlobSweepConfiguration {

	@Bean
	OrphanBlobSweep orphanBlobSweep(EvidenceStore store, EvidenceRecords records,
			PlatformTransactionManager transactionManager, Clock clock, EvidenceSettings settings) {
		return new OrphanBlobSweep(store, records, transactionManager, clock, settings.orphanGrace());
	}

	/**
	 * The sweep as a db-scheduler recurring task (one node at a time). The application has one scheduler on the
	 * {@code scheduled_tasks} table (a second one would take this module's executions for unknown tasks), declared by
	 * the gradebook module, which starts every {@link RecurringTask} bean: only db-scheduler's type crosses modules.
	 */
	@Bean
	RecurringTask<Void> evidenceOrphanSweepTask(OrphanBlobSweep sweep) {
		return sweep.task();
	}
}
