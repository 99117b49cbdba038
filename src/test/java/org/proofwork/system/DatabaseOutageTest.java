package org.proofwork.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the database is unreachable people get a 503 page that says their latest work was not saved, programs get
 * problem JSON, wherever the failure surfaces: in a controller, in a filter (sessions are loaded from the database
 * before any controller runs), or again while the error page itself is written. The database restart drill
 * (bench/drills/README.md) shows the same against a real MariaDB restart; this runs in every build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageTest {

	/** What Hikari throws when no connection comes within its connection timeout, as Spring JDBC wraps it. */
	static CannotGetJdbcConnectionException poolTimeout() {
		return new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				new SQLTransientConnectionException(
						"HikariPool-1 - Connection is not available, request timed out after 5001ms", "08001"));
	}

	/** What Spring Session's JDBC repository throws when it cannot begin the transaction that loads a session. */
	static CannotCreateTransactionException sessionStoreDown() {
		return new CannotCreateTransactionException("Could not open JDBC Connection for transaction", poolTimeout());
	}

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@TestConfiguration
	static class Probes {

		@Bean
		RouterFunction<ServerResponse> databaseProbes() {
			return RouterFunctions.route()
				.GET("/lti/test-probe/database-down", request -> {
					throw poolTimeout();
				})
				.GET("/lti/test-probe/constraint", request -> {
					throw new DataIntegrityViolationException("Duplicate entry 'secret' for key 'PRIMARY'");
				})
				.GET("/lti/test-probe/deadlock", request -> {
					throw new PessimisticLockingFailureException("Deadlock found");
				})
				.GET("/lti/test-probe/ok", request -> ServerResponse.ok().body("ok"))
				.build();
		}

		/** Where Spring Session's filter fails: after it, before Spring Security and any controller. */
		@Bean
		FilterRegistrationBean<Filter> sessionStoreDownFilter() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				String path = ((HttpServletRequest) request).getRequestURI();
				if (path.startsWith("/lti/test-probe/session-store-down")) {
					throw sessionStoreDown();
				}
				chain.doFilter(request, response);
			});
			registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
			return registration;
		}

		/**
		 * On the error dispatch, between Spring Session and the tool's guard: the session cannot be loaded there
		 * either, as while the database is down (Spring MVC reads flash attributes from it on every dispatch).
		 */
		@Bean
		FilterRegistrationBean<Filter> sessionStoreDownOnErrorDispatch() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				HttpServletRequest http = (HttpServletRequest) request;
				boolean down = String.valueOf(http.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI))
					.startsWith("/lti/test-probe/session-store-down");
				chain.doFilter(!down ? request : new HttpServletRequestWrapper(http) {

					@Override
					public HttpSession getSession(boolean create) {
						throw sessionStoreDown();
					}

					@Override
					public HttpSession getSession() {
						throw sessionStoreDown();
					}
				}, response);
			});
			registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
			registration.setDispatcherTypes(EnumSet.of(DispatcherType.ERROR));
			return registration;
		}
	}

	@Test
	void aPageWhileTheDatabaseIsDownSaysTheWorkWasNotSavedAndToTryAgain() throws Exception {
		HttpResponse<String> page = get("/lti/test-probe/database-down", "text/html");

		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
		assertThat(page.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(page.body()).contains("Proofwork cannot reach its database right now.")
			.contains("Your work since the last save was not saved")
			.contains(page.headers().firstValue("X-Request-Id").orElseThrow())
			.doesNotContain("Exception")
			.doesNotContain("Hikari")
			.doesNotContain("JDBC");
	}

	@Test
	void anAutosaveWhileTheDatabaseIsDownGetsProblemJson() throws Exception {
		HttpResponse<String> json = get("/lti/test-probe/database-down", "application/json");

		assertThat(json.statusCode()).isEqualTo(503);
		assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(json.body()).contains("\"status\":503")
			.contains("\"title\":\"Proofwork cannot reach its database right now.\"")
			.contains("Your work since the last save was not saved")
			.contains("\"requestId\":\"" + json.headers().firstValue("X-Request-Id").orElseThrow() + "\"")
			.doesNotContain("Exception")
			.doesNotContain("Hikari");
	}

	@Test
	void aSessionThatCannotBeLoadedGivesTheSamePageNotTheServletContainersOwn() throws Exception {
		HttpResponse<String> page = get("/lti/test-probe/session-store-down", "text/html");
		HttpResponse<String> json = get("/lti/test-probe/session-store-down", "application/json");

		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.body()).contains("Proofwork cannot reach its database right now.")
			.contains(page.headers().firstValue("X-Request-Id").orElseThrow())
			.doesNotContain("HTTP Status")
			.doesNotContain("Exception");
		assertThat(json.statusCode()).isEqualTo(503);
		assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void otherDatabaseFailuresStayAnInternalError() throws Exception {
		HttpResponse<String> constraint = get("/lti/test-probe/constraint", "text/html");
		HttpResponse<String> deadlock = get("/lti/test-probe/deadlock", "application/json");

		assertThat(constraint.statusCode()).isEqualTo(500);
		assertThat(constraint.body()).contains("Proofwork ran into a problem on its side.").doesNotContain("secret");
		assertThat(deadlock.statusCode()).isEqualTo(500);
		assertThat(get("/lti/test-probe/ok", "text/html").statusCode()).isEqualTo(200);
	}

	@Test
	void recognisesConnectionFailuresOnly() {
		assertThat(DatabaseUnavailable.causedBy(poolTimeout())).isTrue();
		assertThat(DatabaseUnavailable.causedBy(sessionStoreDown())).isTrue();
		// A commit whose connection was lost: Hikari's "Connection is closed" carries SQLSTATE 08003.
		assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException("JDBC commit failed",
				new SQLException("Connection is closed", "08003")))).isTrue();
		assertThat(DatabaseUnavailable.causedBy(new RuntimeException("wrapped", poolTimeout()))).isTrue();
		// The rollback after a lost link fails on Hikari's closed proxy (no SQLSTATE); the lost link is behind it.
		TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollbackFailed.initApplicationException(new org.springframework.dao.RecoverableDataAccessException(
				"Communications link failure"));
		assertThat(DatabaseUnavailable.causedBy(rollbackFailed)).isTrue();
		assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed")))).isFalse();
		assertThat(DatabaseUnavailable.causedBy(new DataIntegrityViolationException("duplicate"))).isFalse();
		assertThat(DatabaseUnavailable.causedBy(new PessimisticLockingFailureException("deadlock"))).isFalse();
		assertThat(DatabaseUnavailable.causedBy(new SQLException("syntax", "42000"))).isFalse();
		assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("bug"))).isFalse();
		assertThat(DatabaseUnavailable.causedBy(null)).isFalse();
	}

	private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept)
			.build(), HttpResponse.BodyHandlers.ofString());
	}
}
