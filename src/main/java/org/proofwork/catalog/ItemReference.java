package org.proofwork.catalog;

/**
 * The group a reference field points into: written {@code artifact.group} in data files, such as
 * {@code community-asset-map.assets}.
 *
 * @param artifact the artifact's id
 * @param group the group's id within the artifact's form
 */
public record ItemReference(String artifact, String group) {

	@Override
	public String toString() {
		return artifact + "." + group;
	}
}
