package org.proofwork.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.proofwork.catalog.SeedFidelityTest.COMMUNITY;
import static org.proofwork.catalog.SeedFidelityTest.PLANNING;

/**
 * The catalog offers the built-in credentials and those of the external folder, refuses an id defined twice, and a
 * broken file stops start-up.
 */
class CredentialCatalogTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(CatalogOnly.class);

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CatalogSettings.class)
	@Import(CredentialCatalog.class)
	static class CatalogOnly {

	}

	@Test
	void offersTheBuiltInCredentialsSortedByTitle() {
		context.run(started -> {
			CredentialCatalog catalog = started.getBean(CredentialCatalog.class);

			assertThat(catalog.all()).extracting(CredentialDefinition::id).containsExactly(COMMUNITY, PLANNING);
			assertThat(catalog.find(PLANNING)).map(CredentialDefinition::title)
				.contains("Planning with Purpose in Community Partnerships");
			assertThat(catalog.find("no-such-credential")).isEmpty();
		});
	}

	@Test
	void addsTheCredentialsOfTheExternalFolder(@TempDir Path folder) throws IOException {
		copyFixture("catalog/valid/minimal-credential.yaml", folder.resolve("minimal-credential.yaml"));
		Files.writeString(folder.resolve("notes.txt"), "not a credential");

		context.withPropertyValues("proofwork.catalog.external-folder=" + folder).run(started -> {
			CredentialCatalog catalog = started.getBean(CredentialCatalog.class);

			assertThat(catalog.all()).extracting(CredentialDefinition::id)
				.containsExactly("minimal-credential", COMMUNITY, PLANNING);
			assertThat(catalog.find("minimal-credential")).map(CredentialDefinition::issuer)
				.contains("Made by Proofwork Tests");
		});
	}

	@Test
	void refusesAnExternalCredentialWithABuiltInId(@TempDir Path folder) throws IOException {
		Path clash = folder.resolve(PLANNING + ".yaml");
		copyFixture("catalog/valid/minimal-credential.yaml", clash);

		assertThatExceptionOfType(InvalidCredentialDefinitionException.class)
			.isThrownBy(() -> CredentialDefinitions.load(new PathMatchingResourcePatternResolver(),
					CredentialDefinitions.BUILT_IN_FOLDER, Optional.of(folder)))
			.withMessage(clash + ": credential id '" + PLANNING + "' is already defined by credentials/" + PLANNING
					+ ".yaml; rename one of the files");
	}

	@Test
	void aBrokenExternalFileStopsStartUpNamingFileAndLine(@TempDir Path folder) throws IOException {
		Path broken = folder.resolve("earning-unknown-level.yaml");
		copyFixture("catalog/broken/earning-unknown-level.yaml", broken);

		context.withPropertyValues("proofwork.catalog.external-folder=" + folder).run(started -> {
			assertThat(started).hasFailed();
			assertThat(started.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidCredentialDefinitionException.class)
				.hasMessage(broken + " line 23: rubric level 'proficent' is not one of the component's levels"
						+ " [proficient, basic, developing]");
		});
	}

	@Test
	void refusesAMissingExternalFolder(@TempDir Path folder) {
		Path missing = folder.resolve("missing");

		context.withPropertyValues("proofwork.catalog.external-folder=" + missing).run(started -> {
			assertThat(started).hasFailed();
			assertThat(started.getStartupFailure()).rootCause()
				.hasMessage(missing + ": proofwork.catalog.external-folder is not a readable folder");
		});
	}

	@Test
	void refusesAYmlFileRatherThanSkipIt(@TempDir Path folder) throws IOException {
		copyFixture("catalog/valid/minimal-credential.yaml", folder.resolve("minimal-credential.yml"));

		context.withPropertyValues("proofwork.catalog.external-folder=" + folder).run(started -> {
			assertThat(started).hasFailed();
			assertThat(started.getStartupFailure()).rootCause().hasMessageEndingWith("must end in .yaml, not .yml");
		});
	}

	private static void copyFixture(String resource, Path target) throws IOException {
		try (InputStream in = CredentialCatalogTest.class.getResourceAsStream("/" + resource)) {
			assertThat(in).as(resource).isNotNull();
			Files.copy(in, target);
		}
	}
}
