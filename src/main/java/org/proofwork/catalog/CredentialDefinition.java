package org.proofwork.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One micro-credential as its data file defines it: what the educator reads, what they submit, and how assessors
 * score it and decide whether it is earned. Texts are the credential's own words.
 *
 * @param id the data file's name without extension, stable across releases (submissions refer to it)
 * @param title the credential's title
 * @param issuer who made the credential, in the credential's words ("Made by Future Ready Schools"); empty when the
 * credential names no one
 * @param competency the competency the credential certifies
 * @param keyMethod the key method the educator demonstrates
 * @param methodComponents the explanation of the method, as rich text
 * @param resources supporting research and resources
 * @param license license and attribution notice, when the credential has one
 * @param graduateCredit the graduate-credit offer, when the credential has one
 * @param earning the evaluation criteria as the credential words them, and the rule that decides from the rubric
 * scores whether the credential is earned
 * @param parts what the educator submits, in order
 * @param rubric how assessors score a submission
 * @param team whether a team submits one submission together (every member sees it and gets the grade) instead of
 * each educator on their own
 */
public record CredentialDefinition(String id, String title, String issuer, String competency, String keyMethod,
		RichText methodComponents, Resources resources, Optional<License> license,
		Optional<GraduateCredit> graduateCredit, EarningCriteria earning, List<Part> parts, Rubric rubric,
		boolean team) {

	public CredentialDefinition {
		parts = List.copyOf(parts);
	}

	/** Whether the credential names who made it. */
	public boolean hasIssuer() {
		return !issuer.isEmpty();
	}

	/** The part with this id, such as {@code part-2}. */
	public Optional<Part> part(String partId) {
		return parts.stream().filter(part -> part.id().equals(partId)).findFirst();
	}

	/** Every artifact of every part, in order. */
	public List<Artifact> artifacts() {
		return parts.stream().flatMap(part -> part.artifacts().stream()).toList();
	}

	/** The artifact with this id, such as {@code needs-assessment}, whichever part it belongs to. */
	public Optional<Artifact> artifact(String artifactId) {
		return artifacts().stream().filter(artifact -> artifact.id().equals(artifactId)).findFirst();
	}

	/** The earning rule, the declarative form of {@link EarningCriteria#text()}. */
	public EarningRule earningRule() {
		return earning.rule();
	}

	/**
	 * Decides from an assessor's scores whether the credential is earned. A component the rule needs but the scores
	 * leave out counts as not met.
	 * @param levelByComponent rubric component id to the id of the level it was scored at
	 * @throws IllegalArgumentException when a score names a component or level this credential's rubric does not have
	 * (a caller's bug, never a "not yet")
	 */
	public EarningDecision decide(Map<String, String> levelByComponent) {
		levelByComponent.forEach((componentId, levelId) -> {
			RubricComponent component = rubric.component(componentId)
				.orElseThrow(() -> new IllegalArgumentException(
						"credential '" + id + "' has no rubric component '" + componentId + "'"));
			if (component.level(levelId).isEmpty()) {
				throw new IllegalArgumentException("rubric component '" + componentId + "' of credential '" + id
						+ "' has no level '" + levelId + "', only " + component.levelIds());
			}
		});
		return earning.rule().decide(levelByComponent);
	}
}
