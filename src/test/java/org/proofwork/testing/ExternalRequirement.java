package org.proofwork.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something outside the JVM it needs (a database server, a browser) is missing: skip with the
 * reason on a developer's machine, fail in CI where {@code .ci/run} sets {@code PROOFWORK_TEST_REQUIRE_EXTERNAL=true}.
 */
public final class ExternalRequirement {

	/** Set to {@code true} by {@code .ci/run}. */
	public static final String REQUIRE_VARIABLE = "PROOFWORK_TEST_REQUIRE_EXTERNAL";

	private ExternalRequirement() {
	}

	public static void missing(String what, String reason) {
		String message = what + " is not available (" + reason + ")";
		if ("true".equalsIgnoreCase(System.getenv(REQUIRE_VARIABLE))) {
			throw new IllegalStateException(message + " but " + REQUIRE_VARIABLE
					+ "=true: this run must exercise it. Run .ci/run, which installs and starts it.");
		}
		Assumptions.abort(message + "; skipped. .ci/run installs and starts it.");
	}
}
