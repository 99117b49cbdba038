package org.proofwork.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One part of a submission, such as "Part 1. Overview Questions": written answers to prompts, an evidence form,
 * artifacts, or a mix.
 *
 * @param id the part's id, such as {@code part-1}
 * @param title the part's heading as the credential words it
 * @param instructions what the credential tells the educator about the part
 * @param words how long the written answer to the part's prompts should be, when the credential says
 * @param prompts the questions the written answer addresses, in order
 * @param form structured evidence the part asks for besides the written answer, if any
 * @param artifacts the artifacts the part asks for, in order
 */
public record Part(String id, String title, RichText instructions, Optional<WordRange> words, List<Prompt> prompts,
		Optional<EvidenceForm> form, List<Artifact> artifacts) {

	public Part {
		prompts = List.copyOf(prompts);
		artifacts = List.copyOf(artifacts);
	}

	/** Whether the educator writes an answer for this part. */
	public boolean asksForWrittenAnswer() {
		return !prompts.isEmpty();
	}
}
