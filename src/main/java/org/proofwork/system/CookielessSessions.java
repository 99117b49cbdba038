package org.proofwork.system;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Switches a request to the cookie-less session (see {@link SessionConfiguration}): the launch does it when it learns
 * that this browser keeps no cookie of the tool inside the LMS frame.
 */
public final class CookielessSessions {

	/** The parameter that carries the session id in cookie-less mode. */
	public static final String PARAMETER = "pw_session";

	static final String ATTRIBUTE = CookielessSessions.class.getName() + ".enabled";

	private CookielessSessions() {
	}

	public static void enable(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, Boolean.TRUE);
	}

	public static boolean isEnabled(HttpServletRequest request) {
		return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
	}
}
