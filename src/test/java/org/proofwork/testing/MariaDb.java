package org.proofwork.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The MariaDB server tests may use: root on 127.0.0.1:3306 unless {@code PROOFWORK_TEST_MARIADB_HOST},
 * {@code _PORT}, {@code _USER} and {@code _PASSWORD} say otherwise.
 */
public final class MariaDb {

	public static final String HOST = env("PROOFWORK_TEST_MARIADB_HOST", "127.0.0.1");

	public static final String PORT = env("PROOFWORK_TEST_MARIADB_PORT", "3306");

	public static final String USER = env("PROOFWORK_TEST_MARIADB_USER", "root");

	public static final String PASSWORD = env("PROOFWORK_TEST_MARIADB_PASSWORD", "");

	private MariaDb() {
	}

	public static String url(String database) {
		return "jdbc:mysql://" + HOST + ":" + PORT + "/" + database + "?connectionTimeZone=UTC";
	}

	/** Drops and creates {@code database}, so the test starts from an empty schema. */
	public static void recreate(String database) {
		if (!database.matches("[a-z][a-z0-9_]*")) {
			throw new IllegalArgumentException(database);
		}
		try (Connection connection = DriverManager.getConnection(url(""), USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database);
			statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot recreate database " + database, ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

	static final class Condition implements BeforeAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			DriverManager.setLoginTimeout(3);
			try (Connection connection = DriverManager.getConnection(url(""), USER, PASSWORD)) {
				connection.isValid(3);
			}
			catch (SQLException ex) {
				ExternalRequirement.missing("MariaDB at " + HOST + ":" + PORT, ex.getMessage());
			}
		}
	}
}
