package org.proofwork.catalog;

import java.util.List;

/**
 * Groups and file slots of one form of which at least one must be provided.
 *
 * @param members the ids of the groups and file slots
 */
public record Alternative(List<String> members) {

	public Alternative {
		members = List.copyOf(members);
	}
}
