package org.proofwork.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.dialect.JdbcMySqlDialect;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/**
 * One SQL dialect for both databases the tool runs on: MySQL/MariaDB in production and H2 in MySQL mode when
 * embedded, so names and quoting are the same everywhere and one set of migrations serves both.
 */
@Configuration(proxyBeanMethods = false)
class JdbcConfiguration {

	@Bean
	JdbcDialect jdbcDialect(NamedParameterJdbcOperations operations) {
		return JdbcMySqlDialect.INSTANCE;
	}

	/** The time every module reads, replaceable in tests. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}
}
