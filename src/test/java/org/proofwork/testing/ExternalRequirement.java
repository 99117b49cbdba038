package org.proofwork.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something outside the JVM it needs (a database server, a browser) is missing: skip with the
 * reason on a developer's machine, fail in CI where {@code .ci/run} sets {@code proofwork.test.require-external}.
 */
public final class ExternalRequirement {

	public static final String REQUIRE_PROPERTY = "proofwork.test.require-external";

	private ExternalRequirement() {
	}

	public static void missing(String what, String reason) {
		String message = what + " is not available (" + reason + ")";
		if (Boolean.getBoolean(REQUIRE_PROPERTY)) {
			throw new IllegalStateException(message + " but " + REQUIRE_PROPERTY
					+ "=true: this run must exercise it. Run .ci/run, which installs and starts it.");
		}
		Assumptions.abort(message + "; skipped. .ci/run installs and starts it.");
	}
}
