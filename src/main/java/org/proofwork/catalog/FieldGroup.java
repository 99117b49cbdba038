package org.proofwork.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A group of fields the educator fills once or repeatedly, such as the 10–20 questions of a survey or the 3–5
 * stakeholders of an action plan.
 *
 * @param id the group's id within its form
 * @param label what the group is called on the form
 * @param count how many times the group is filled
 * @param fields the fields of one item, in order
 * @param files file slots of one item, such as the photo of one photo-essay entry
 */
public record FieldGroup(String id, String label, CountRange count, List<Field> fields, List<FileSlot> files) {

	public FieldGroup {
		fields = List.copyOf(fields);
		files = List.copyOf(files);
	}

	/** Whether the group is filled more than once, and so shown as a list of items. */
	public boolean repeats() {
		return count.max() > 1;
	}

	public Optional<Field> field(String fieldId) {
		return fields.stream().filter(field -> field.id().equals(fieldId)).findFirst();
	}
}
