package org.proofwork.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that cannot be reached right now (restarting, crashed, the network to it down, the pool out of
 * connections) from a bug: the first is answered with 503 and "your work was not saved, try again in a minute", the
 * second stays a 500. Only connection failures count; a deadlock, a timeout of one query or a constraint violation
 * says nothing about whether the database is there.
 */
final class DatabaseUnavailable {

	/** Set on a request whose failure was a database outage, for the error page. */
	static final String ATTRIBUTE = DatabaseUnavailable.class.getName();

	private DatabaseUnavailable() {
	}

	static boolean causedBy(Throwable error) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> causes = new ArrayDeque<>();
		if (error != null) {
			causes.add(error);
		}
		while (!causes.isEmpty()) {
			Throwable cause = causes.poll();
			if (!seen.add(cause)) {
				continue;
			}
			if (cause.getCause() != null) {
				causes.add(cause.getCause());
			}
			// A rollback that failed after the link was lost ("Connection is closed", no SQLSTATE) hides the
			// failure that caused it here.
			if (cause instanceof TransactionSystemException failed && failed.getApplicationException() != null) {
				causes.add(failed.getApplicationException());
			}
			if (cause instanceof DataAccessResourceFailureException // includes CannotGetJdbcConnectionException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof RecoverableDataAccessException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException
					|| cause instanceof SQLRecoverableException
					// SQLSTATE class 08: connection exception (a pooled connection found closed, a link lost mid-commit).
					|| cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return true;
			}
		}
		return false;
	}

	/** The innermost message, which names what failed (connection refused, pool timed out) without a stack trace. */
	static String reason(Throwable error) {
		Throwable root = error;
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		while (root.getCause() != null && seen.add(root)) {
			root = root.getCause();
		}
		return error.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + ": "
				+ String.valueOf(root.getMessage()).lines().findFirst().orElse("") + ")";
	}
}
