package org.proofwork.system;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where the current request's id can be read.
 */
public final class RequestIds {

	static final String ATTRIBUTE = RequestIds.class.getName();

	/** The key of the request id in the logging context (and in structured log lines). */
	public static final String MDC_KEY = "requestId";

	private RequestIds() {
	}

	public static String of(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return id == null ? "" : id.toString();
	}
}
