package org.proofwork.evidence;

import org.junit.jupiter.api.Test;
import org.proofwork.system.ProofworkProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code proofwork.evidence.store} selects the store. */
class EvidenceStoreConfigurationTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class, EvidenceStoreConfiguration.class)
		.withPropertyValues("proofwork.data-dir=target/evidence-store-configuration-test");

	@Test
	void usesTheFilesystemByDefault() {
		context.run(started -> assertThat(started).getBean(EvidenceStore.class)
			.isInstanceOf(FileSystemEvidenceStore.class));
	}

	@Test
	void usesTheBucketWhenSetToS3() {
		context
			.withPropertyValues("proofwork.evidence.store=s3", "proofwork.evidence.s3.bucket=evidence",
					"proofwork.evidence.s3.endpoint=http://127.0.0.1:9", "proofwork.evidence.s3.path-style-access=true",
					"proofwork.evidence.s3.access-key-id=key", "proofwork.evidence.s3.secret-access-key=secret")
			.run(started -> assertThat(started).getBean(EvidenceStore.class).isInstanceOf(S3EvidenceStore.class));
	}

	@Test
	void refusesToStartOnS3WithoutABucket() {
		context.withPropertyValues("proofwork.evidence.store=s3")
			.run(started -> assertThat(started).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("proofwork.evidence.s3.bucket"));
	}

	@Test
	void refusesPartsSmallerThanS3Allows() {
		context.withPropertyValues("proofwork.evidence.s3.part-size=1MB")
			.run(started -> assertThat(started).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ProofworkProperties.class, EvidenceSettings.class })
	static class Settings {
	}
}
