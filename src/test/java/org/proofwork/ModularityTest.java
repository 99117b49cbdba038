package org.proofwork;

import java.nio.file.Path;

import com.tngtech.archunit.core.importer.ImportOption;
import fixtures.boundary.BoundaryFixture;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ModularityTest {

	private final ApplicationModules modules = ApplicationModules.of(ProofworkApplication.class);

	@Test
	void modulesOnlyUseEachOthersApi() {
		modules.verify();
	}

	@Test
	void everyModuleSaysWhatItOwns() {
		modules.forEach(module -> {
			Path packageInfo = Path.of("src/main/java", module.getBasePackage().getName().replace('.', '/'),
					"package-info.java");
			assertThat(packageInfo).as("package-info.java of module %s", module.getIdentifier())
				.exists()
				.content()
				.contains("/**");
		});
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeDocumentation()
			.writeIndividualModulesAsPlantUml();
	}

	@Test
	void rejectsAModuleThatReachesIntoAnothersInternals() {
		ApplicationModules fixture = ApplicationModules.of(BoundaryFixture.class,
				new ImportOption.OnlyIncludeTests());

		assertThatExceptionOfType(Violations.class).isThrownBy(fixture::verify)
			.withMessageContaining("beta.internal.BetaInternals");
	}
}
