package org.proofwork;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.proofwork.lti.ToolKeys;
import org.proofwork.testing.MariaDb;
import org.proofwork.testing.RequiresMariaDb;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code mysql} profile as docker-compose.yml runs it, against the real MariaDB: the migrations apply, the tool
 * serves its keys and health, and a restart keeps the key.
 */
@RequiresMariaDb
class MysqlProfileTest {

	private static final String DATABASE = "proofwork_profile_test";

	@Test
	void startsOnMysqlMigratesAndKeepsItsKeyAcrossRestarts() throws Exception {
		MariaDb.recreate(DATABASE);

		String kid;
		try (ConfigurableApplicationContext tool = start()) {
			String url = tool.getBean(DataSource.class).getConnection().getMetaData().getURL();
			assertThat(url).startsWith("jdbc:mysql://").contains(DATABASE);
			assertThat(tool.getBean(Flyway.class).info().pending()).isEmpty();
			assertThat(tool.getBean(Flyway.class).info().applied()).isNotEmpty();

			int port = ((WebServerApplicationContext) tool).getWebServer().getPort();
			assertThat(get(port, "/actuator/health/readiness")).contains("\"status\":\"UP\"");
			kid = tool.getBean(ToolKeys.class).signingKey().getKeyID();
			assertThat(get(port, "/.well-known/jwks.json")).contains(kid);
		}

		try (ConfigurableApplicationContext restarted = start()) {
			assertThat(restarted.getBean(ToolKeys.class).signingKey().getKeyID()).isEqualTo(kid);
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(ProofworkApplication.class).profiles("mysql")
			.run("--server.port=0", "--MYSQL_HOST=" + MariaDb.HOST, "--MYSQL_PORT=" + MariaDb.PORT,
					"--MYSQL_DATABASE=" + DATABASE, "--MYSQL_USER=" + MariaDb.USER,
					"--MYSQL_PASSWORD=" + MariaDb.PASSWORD);
	}

	private static String get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}
}
