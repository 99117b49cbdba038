package org.proofwork.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A piece of evidence a part asks for, such as a needs assessment or a photo essay.
 *
 * @param id the artifact's id, unique within the credential, such as {@code needs-assessment}
 * @param title the artifact's heading as the credential words it
 * @param instructions what the credential tells the educator about the artifact
 * @param requirements what the artifact should include, each in the credential's words
 * @param form the structured evidence and files the educator provides
 * @param checks automatic checks run on the evidence, which inform (never replace) the assessor's judgement
 */
public record Artifact(String id, String title, RichText instructions, List<String> requirements,
		EvidenceForm form, List<Check> checks) {

	public Artifact {
		requirements = List.copyOf(requirements);
		checks = List.copyOf(checks);
	}

	public Optional<Check> check(String checkId) {
		return checks.stream().filter(check -> check.id().equals(checkId)).findFirst();
	}
}
