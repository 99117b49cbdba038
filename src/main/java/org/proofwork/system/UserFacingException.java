package org.proofwork.system;

import org.springframework.http.HttpStatus;

/**
 * A failure whose explanation is meant for the person (or program) that caused it: the error page shows the message
 * behind {@code titleCode} and {@code adviceCode}, the problem response carries them as title and detail. Use it for
 * anything a user or an LMS administrator can put right; unexpected failures stay plain exceptions and are shown as
 * a generic 500.
 */
public class UserFacingException extends RuntimeException {

	private final HttpStatus status;

	private final String titleCode;

	private final String adviceCode;

	private final Object[] arguments;

	/**
	 * @param status the HTTP status to answer with
	 * @param titleCode message key of one sentence saying what went wrong
	 * @param adviceCode message key saying what the person, or their LMS administrator, should do
	 * @param logReason what goes into the log (never shown to the person)
	 * @param arguments arguments for both messages
	 */
	public UserFacingException(HttpStatus status, String titleCode, String adviceCode, String logReason,
			Object... arguments) {
		super(logReason);
		this.status = status;
		this.titleCode = titleCode;
		this.adviceCode = adviceCode;
		this.arguments = arguments.clone();
	}

	public HttpStatus status() {
		return status;
	}

	public String titleCode() {
		return titleCode;
	}

	public String adviceCode() {
		return adviceCode;
	}

	public Object[] arguments() {
		return arguments.clone();
	}
}
