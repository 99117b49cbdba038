package org.proofwork.submission;

import java.util.Optional;

/**
 * What an automatic check found. Checks inform the educator and the assessor; they never grade.
 *
 * @param label what was checked, in the credential's words or from its field labels
 * @param detailCode message key of what was found, with {@code arguments}
 * @param component the rubric component the check informs, if any
 */
public record CheckResult(String sectionId, String id, String label, Outcome outcome, String detailCode,
		Object[] arguments, Optional<String> component) {

	public CheckResult {
		arguments = arguments.clone();
	}

	public enum Outcome {
		MET, NOT_MET, INFO
	}

	public boolean met() {
		return outcome == Outcome.MET;
	}

	public boolean notMet() {
		return outcome == Outcome.NOT_MET;
	}
}
