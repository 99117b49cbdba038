package org.proofwork.lti;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofwork.ProofworkApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

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
