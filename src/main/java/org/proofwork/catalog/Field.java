package org.proofwork.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One typed field of a {@link FieldGroup}.
 *
 * @param id the field's id within its group
 * @param label what the field is called on the form
 * @param type what kind of value it holds
 * @param required whether every item needs a value
 * @param choices the values a {@link FieldType#CHOICE} field offers, in order; empty for other types
 * @param references the group whose items a {@link FieldType#REFERENCE} field points to; empty for other types
 */
public record Field(String id, String label, FieldType type, boolean required, List<Choice> choices,
		Optional<ItemReference> references) {

	public Field {
		choices = List.copyOf(choices);
	}

	public Optional<Choice> choice(String choiceId) {
		return choices.stream().filter(choice -> choice.id().equals(choiceId)).findFirst();
	}
}
