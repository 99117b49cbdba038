package org.proofwork;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run here (no Docker engine), so its agreement with the {@code mysql} profile, which
 * {@link MysqlProfileTest} runs against MariaDB, is checked instead.
 */
class DeploymentFilesTest {

	@Test
	@SuppressWarnings("unchecked")
	void composeRunsTheToolOnTheMysqlProfileWithEverySettingThatProfileNeeds() throws IOException {
		Map<String, Object> compose = yaml(Path.of("docker-compose.yml"));
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		Map<String, Object> tool = (Map<String, Object>) services.get("proofwork");
		Map<String, Object> mysql = (Map<String, Object>) services.get("mysql");
		Map<String, Object> toolEnv = (Map<String, Object>) tool.get("environment");
		Map<String, Object> mysqlEnv = (Map<String, Object>) mysql.get("environment");

		assertThat(toolEnv).containsEntry("SPRING_PROFILES_ACTIVE", "mysql").containsKey("PROOFWORK_KEYS_MASTER_KEY");
		assertThat(toolEnv.keySet()).containsAll(placeholders(Path.of("src/main/resources/application-mysql.yml")));
		assertThat(toolEnv.get("MYSQL_DATABASE")).isEqualTo(mysqlEnv.get("MYSQL_DATABASE"));
		assertThat(toolEnv.get("MYSQL_USER")).isEqualTo(mysqlEnv.get("MYSQL_USER"));
		assertThat(toolEnv.get("MYSQL_PASSWORD")).isEqualTo(mysqlEnv.get("MYSQL_PASSWORD"));
		assertThat(toolEnv.get("MYSQL_HOST")).isEqualTo("mysql");
		assertThat(((Map<String, Object>) tool.get("depends_on")).get("mysql"))
			.isEqualTo(Map.of("condition", "service_healthy"));
		assertThat(tool).containsKey("healthcheck");
		assertThat(mysql).containsKey("healthcheck");
		assertThat(mysql.get("image").toString()).startsWith("mysql:8");
		assertThat(tool.get("volumes").toString()).contains("/app/data");
	}

	/**
	 * The class data sharing archive is only used when the JVM runs the jars it was trained on, from the same paths:
	 * the image's training run and its entry point must agree, and the flags the image starts with are the ones
	 * bench/launch/startup.sh measures.
	 */
	@Test
	void theImageTrainsItsClassDataSharingArchiveOnTheJarAndFlagsItStartsWith() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile")).replace("\\\n", " ");
		String runtimeStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
		String training = line(runtimeStage, "RUN java ");
		String entryPoint = line(runtimeStage, "ENTRYPOINT ");

		String archive = group(training, "-XX:ArchiveClassesAtExit=(\\S+)");
		assertThat(training).contains("-Dspring.context.exit=onRefresh", "$JAVA_OPTS");
		assertThat(entryPoint).contains("-XX:SharedArchiveFile=" + archive, "$JAVA_OPTS");
		assertThat(group(training, "-jar ([^\\s\"]+)")).isEqualTo(group(entryPoint, "-jar ([^\\s\"]+)"));
		assertThat(runtimeStage.indexOf("COPY --from=build /extracted/proofwork.jar " + group(entryPoint, "-jar ([^\\s\"]+)")))
			.isBetween(0, runtimeStage.indexOf(training));
		assertThat(group(runtimeStage, "ENV JAVA_OPTS=\"([^\"]*)\""))
			.isEqualTo(group(Files.readString(Path.of("bench/launch/startup.sh")), "RECOMMENDED=\"([^\"]*)\""));
	}

	private static String line(String text, String start) {
		return text.lines().filter(line -> line.startsWith(start)).reduce((first, second) -> {
			throw new AssertionError("more than one line starts with " + start);
		}).orElseThrow(() -> new AssertionError("no line starts with " + start));
	}

	private static String group(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
		return matcher.group(1);
	}

	private static TreeSet<String> placeholders(Path file) throws IOException {
		TreeSet<String> names = new TreeSet<>();
		Matcher matcher = Pattern.compile("\\$\\{([A-Z_]+)(:[^}]*)?}").matcher(Files.readString(file));
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml().load(reader);
		}
	}
}
