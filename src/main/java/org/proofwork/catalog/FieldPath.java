package org.proofwork.catalog;

/**
 * A field of an artifact's form: written {@code group.field} in data files, such as
 * {@code administration.families-sent-to}.
 *
 * @param group the group's id
 * @param field the field's id within the group
 */
public record FieldPath(String group, String field) {

	@Override
	public String toString() {
		return group + "." + field;
	}
}
