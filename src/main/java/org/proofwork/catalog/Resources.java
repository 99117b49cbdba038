package org.proofwork.catalog;

import java.util.List;

/**
 * The supporting research and resources of a credential.
 *
 * @param heading the section's heading, such as "Research &amp; Resources"; empty when the credential has none
 * @param groups the resource groups in order
 */
public record Resources(String heading, List<ResourceGroup> groups) {

	public static final Resources NONE = new Resources("", List.of());

	public Resources {
		groups = List.copyOf(groups);
	}

	public boolean isEmpty() {
		return groups.isEmpty();
	}
}
