package org.proofwork.submission;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.proofwork.catalog.Artifact;
import org.proofwork.catalog.Check;
import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.catalog.EvidenceForm;
import org.proofwork.catalog.Part;
import org.proofwork.catalog.Prompt;
import org.proofwork.catalog.RichText;
import org.proofwork.catalog.WordRange;

/**
 * One page of the workspace: a part's written answer and form, or one artifact. Every part and artifact of a
 * credential with something to enter is a section, so the workspace follows the credential's own structure.
 *
 * @param partTitle the part the section belongs to (for an artifact, its part)
 */
public record Section(String id, String title, String partTitle, RichText instructions, List<String> requirements,
		List<Prompt> prompts, Optional<WordRange> words, Optional<EvidenceForm> form, List<Check> checks) {

	public static List<Section> of(CredentialDefinition credential) {
		List<Section> sections = new ArrayList<>();
		for (Part part : credential.parts()) {
			if (part.asksForWrittenAnswer() || part.form().isPresent()) {
				sections.add(new Section(part.id(), part.title(), part.title(), part.instructions(), List.of(),
						part.prompts(), part.words(), part.form(), List.of()));
			}
			for (Artifact artifact : part.artifacts()) {
				sections.add(new Section(artifact.id(), artifact.title(), part.title(), artifact.instructions(),
						artifact.requirements(), List.of(), Optional.empty(), Optional.of(artifact.form()),
						artifact.checks()));
			}
		}
		return List.copyOf(sections);
	}

	public static Optional<Section> find(CredentialDefinition credential, String sectionId) {
		return of(credential).stream().filter(section -> section.id().equals(sectionId)).findFirst();
	}
}
