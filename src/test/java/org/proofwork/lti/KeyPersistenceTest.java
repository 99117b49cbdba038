package org.proofwork.lti;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.nimbusds.jose.jwk.JWK;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofwork.ProofworkApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The tool as an operator runs it: an embedded database on disk, restarted.
 */
class KeyPersistenceTest {

	@TempDir
	Path dataDir;

	@Test
	void aRestartSignsWithTheSameKeyAndReusesTheGeneratedMasterKey() {
		String first = signingKid();
		String masterKey = read(dataDir.resolve("master.key"));

		String second = signingKid();

		assertThat(second).isEqualTo(first);
		assertThat(read(dataDir.resolve("master.key"))).isEqualTo(masterKey);
	}

	@Test
	void theFirstStartSignsAtOnceAndCreatesTheNextKeyJustAfter() {
		try (ConfigurableApplicationContext context = start()) {
			ToolKeys keys = context.getBean(ToolKeys.class);
			ToolSigningKeyRepository stored = context.getBean(ToolSigningKeyRepository.class);

			assertThat(keys.signingKey().getKeyID()).isNotBlank();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> stored.findByState(ToolSigningKey.State.NEXT).isPresent());
			String next = stored.findByState(ToolSigningKey.State.NEXT).orElseThrow().kid();
			assertThat(next).isNotEqualTo(keys.signingKey().getKeyID());
			keys.ensureKeys();
			assertThat(keys.publicKeySet().getKeys()).extracting(JWK::getKeyID)
				.containsExactlyInAnyOrder(keys.signingKey().getKeyID(), next);
		}
	}

	@Test
	void refusesToStartWithAMasterKeyThatCannotReadTheStoredKeys() {
		signingKid();

		assertThatException().isThrownBy(() -> start("A".repeat(43) + "=").close())
			.withStackTraceContaining("cannot be decrypted with the configured master key");
	}

	private String signingKid() {
		try (ConfigurableApplicationContext context = start()) {
			return context.getBean(ToolKeys.class).signingKey().getKeyID();
		}
	}

	private ConfigurableApplicationContext start() {
		return start("");
	}

	private ConfigurableApplicationContext start(String masterKey) {
		return new SpringApplicationBuilder(ProofworkApplication.class).run("--server.port=0",
				"--proofwork.data-dir=" + dataDir,
				"--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("proofwork")
						+ ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
				"--proofwork.keys.master-key=" + masterKey);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}
}
