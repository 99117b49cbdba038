package org.proofwork;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration reference names every setting the configuration processor finds, so it cannot fall
 * behind the code.
 */
class ConfigurationReferenceTest {

	@Test
	@SuppressWarnings("unchecked")
	void readmeDocumentsEverySetting() throws IOException {
		Map<String, Object> metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("metadata written by spring-boot-configuration-processor").isNotNull();
			metadata = JsonMapper.builder().build().readValue(in, Map.class);
		}
		String readme = Files.readString(Path.of("README.md"));

		List<String> names = ((List<Map<String, Object>>) metadata.get("properties")).stream()
			.map(property -> property.get("name").toString())
			.toList();

		assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
	}
}
