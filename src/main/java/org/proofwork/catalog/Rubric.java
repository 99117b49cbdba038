package org.proofwork.catalog;

import java.util.List;
import java.util.Optional;

/**
 * How assessors score a submission: one component per part or artifact scored, each with its levels.
 *
 * @param components the components in the order assessors score them
 */
public record Rubric(List<RubricComponent> components) {

	public Rubric {
		components = List.copyOf(components);
	}

	public Optional<RubricComponent> component(String componentId) {
		return components.stream().filter(component -> component.id().equals(componentId)).findFirst();
	}
}
