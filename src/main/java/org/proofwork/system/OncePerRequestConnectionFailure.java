package org.proofwork.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Within one web request, a database found unreachable stays unreachable. The first attempt waits the pool's
 * connection timeout; without this, the same request waited again when Spring Session looked the session up once
 * more to commit it, so a person waited two or three timeouts for the 503 page. Outside web requests (the grade
 * worker, startup) it changes nothing.
 */
final class OncePerRequestConnectionFailure extends DelegatingDataSource {

	private static final ThreadLocal<boolean[]> FAILED_IN_THIS_REQUEST = new ThreadLocal<>();

	OncePerRequestConnectionFailure(DataSource target) {
		super(target);
	}

	/** Called by {@link DatabaseOutageFilters} around each request. */
	static void begin() {
		FAILED_IN_THIS_REQUEST.set(new boolean[1]);
	}

	static void end() {
		FAILED_IN_THIS_REQUEST.remove();
	}

	@Override
	public Connection getConnection() throws SQLException {
		return connect(null, null);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return connect(username, password);
	}

	private Connection connect(String username, String password) throws SQLException {
		boolean[] failed = FAILED_IN_THIS_REQUEST.get();
		if (failed != null && failed[0]) {
			throw new SQLTransientConnectionException("The database was unreachable earlier in this request", "08001");
		}
		try {
			return username == null ? super.getConnection() : super.getConnection(username, password);
		}
		catch (SQLException ex) {
			if (failed != null && DatabaseUnavailable.causedBy(ex)) {
				failed[0] = true;
			}
			throw ex;
		}
	}
}
