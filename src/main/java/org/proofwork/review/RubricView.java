package org.proofwork.review;

import java.util.ArrayList;
import java.util.List;

import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.catalog.RubricComponent;
import org.proofwork.catalog.RubricLevel;
import org.proofwork.submission.CheckResult;

/**
 * The rubric as the review page shows it: each component with its levels, each level's descriptor in paragraphs
 * and lists, and beside each component the automatic checks that inform it.
 *
 * The methods templates call are public: SpEL calls no other, even on a package-private type.
 *
 * @param otherChecks checks that inform no component, shown once below the rubric
 */
record RubricView(List<Component> components, List<CheckResult> otherChecks) {

	RubricView {
		components = List.copyOf(components);
		otherChecks = List.copyOf(otherChecks);
	}

	static RubricView of(CredentialDefinition credential, List<CheckResult> checks) {
		List<Component> components = credential.rubric().components().stream()
			.map(component -> new Component(component,
					component.levels().stream().map(level -> new Level(level, Block.of(level.descriptor()))).toList(),
					checks.stream().filter(check -> check.component().filter(component.id()::equals).isPresent())
						.toList()))
			.toList();
		List<String> ids = credential.rubric().components().stream().map(RubricComponent::id).toList();
		List<CheckResult> other = checks.stream()
			.filter(check -> check.component().filter(ids::contains).isEmpty())
			.toList();
		return new RubricView(components, other);
	}

	record Component(RubricComponent component, List<Level> levels, List<CheckResult> checks) {

		public String id() {
			return component.id();
		}

		/** The label of a level id, or the id itself when the credential no longer has that level. */
		public String label(String levelId) {
			return component.level(levelId).map(RubricLevel::label).orElse(levelId);
		}
	}

	record Level(RubricLevel level, List<Block> descriptor) {
	}

	/**
	 * A paragraph, or a list when its lines start with "-" (how credential files write descriptors).
	 *
	 * @param text the paragraph, empty for a list
	 * @param items the list items, empty for a paragraph
	 */
	record Block(String text, List<String> items) {

		public boolean isList() {
			return !items.isEmpty();
		}

		static List<Block> of(String descriptor) {
			List<Block> blocks = new ArrayList<>();
			if (descriptor == null || descriptor.isBlank()) {
				return blocks;
			}
			for (String paragraph : descriptor.strip().split("\\n\\s*\\n")) {
				List<String> lines = paragraph.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
				StringBuilder text = new StringBuilder();
				List<String> items = new ArrayList<>();
				for (String line : lines) {
					if (line.startsWith("-")) {
						items.add(line.substring(1).strip());
					}
					else if (!items.isEmpty()) {
						// A wrapped list item goes on with the item before it.
						items.set(items.size() - 1, items.get(items.size() - 1) + " " + line);
					}
					else {
						text.append(text.isEmpty() ? "" : " ").append(line);
					}
				}
				if (!text.isEmpty()) {
					blocks.add(new Block(text.toString(), List.of()));
				}
				if (!items.isEmpty()) {
					blocks.add(new Block("", items));
				}
			}
			return blocks;
		}
	}
}
