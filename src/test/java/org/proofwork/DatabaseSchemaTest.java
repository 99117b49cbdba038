package org.proofwork;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every migration applies on the database this run uses: embedded H2 by default, MariaDB when {@code .ci/run} sets
 * {@code PROOFWORK_TEST_DB_URL}.
 */
@SpringBootTest
@Tag("persistence")
class DatabaseSchemaTest {

	@Autowired
	Flyway flyway;

	@Autowired
	JdbcClient jdbc;

	@Test
	void appliesEveryMigration() {
		assertThat(flyway.info().pending()).isEmpty();
		assertThat(List.of(flyway.info().applied())).extracting(MigrationInfo::getState)
			.containsOnly(MigrationState.SUCCESS);
	}

	@Test
	void createsTheTablesUnderTheNamesTheirLibrariesQuery() {
		// Spring Session and Spring Modulith query upper-case names; MySQL on Linux compares table names exactly.
		for (String table : List.of("SPRING_SESSION", "SPRING_SESSION_ATTRIBUTES", "EVENT_PUBLICATION",
				"tool_signing_key", "platform_registration", "platform_deployment")) {
			assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single()).as(table).isNotNegative();
		}
	}
}
