package org.proofwork.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rule that decides from rubric scores whether a credential is earned, written declaratively in the data file:
 * <pre>
 * rule:
 *   all:
 *     - { component: part-1, atLeast: pass }
 *     - { component: needs-assessment, atLeast: proficient }
 * </pre>
 * {@code all} and {@code any} nest. Scores are given as rubric component id to level id.
 */
public sealed interface EarningRule {

	/** Whether the scores meet the rule; a component the rule needs but the scores leave out is not met. */
	boolean isMetBy(Map<String, String> levelByComponent);

	/** The ids of the rubric components the rule looks at. */
	Set<String> components();

	default EarningDecision decide(Map<String, String> levelByComponent) {
		return EarningDecision.of(isMetBy(levelByComponent));
	}

	/** Met when every rule is met. */
	record All(List<EarningRule> rules) implements EarningRule {

		public All {
			rules = List.copyOf(rules);
		}

		@Override
		public boolean isMetBy(Map<String, String> levelByComponent) {
			return rules.stream().allMatch(rule -> rule.isMetBy(levelByComponent));
		}

		@Override
		public Set<String> components() {
			return rules.stream().flatMap(rule -> rule.components().stream()).collect(Collectors.toSet());
		}
	}

	/** Met when at least one rule is met. */
	record Any(List<EarningRule> rules) implements EarningRule {

		public Any {
			rules = List.copyOf(rules);
		}

		@Override
		public boolean isMetBy(Map<String, String> levelByComponent) {
			return rules.stream().anyMatch(rule -> rule.isMetBy(levelByComponent));
		}

		@Override
		public Set<String> components() {
			return rules.stream().flatMap(rule -> rule.components().stream()).collect(Collectors.toSet());
		}
	}

	/**
	 * Met when a component is scored at a level or better.
	 *
	 * @param component the rubric component's id
	 * @param level the lowest level that meets the rule
	 * @param accepted that level and every better one, resolved from the component's order of levels
	 */
	record AtLeast(String component, String level, Set<String> accepted) implements EarningRule {

		public AtLeast {
			accepted = Set.copyOf(accepted);
		}

		@Override
		public boolean isMetBy(Map<String, String> levelByComponent) {
			String scored = levelByComponent.get(component);
			return scored != null && accepted.contains(scored);
		}

		@Override
		public Set<String> components() {
			return Set.of(component);
		}

		static AtLeast of(RubricComponent rubricComponent, String level) {
			List<String> ids = rubricComponent.levelIds();
			return new AtLeast(rubricComponent.id(), level, Set.copyOf(ids.subList(0, ids.indexOf(level) + 1)));
		}
	}
}
