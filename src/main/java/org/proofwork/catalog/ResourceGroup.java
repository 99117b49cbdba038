package org.proofwork.catalog;

import java.util.List;

/**
 * Resources under one heading, such as "Action Planning Resources" or "Supporting Research".
 *
 * @param heading the group's heading
 * @param items the resources in the credential's order
 */
public record ResourceGroup(String heading, List<Resource> items) {

	public ResourceGroup {
		items = List.copyOf(items);
	}
}
