package org.proofwork.evidence;

import org.proofwork.system.ProofworkProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store {@code proofwork.evidence.store} names, and the local staging folder every store writes through. */
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
}
