package org.proofwork.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What kind of value a field holds, which decides its input control and how it is validated.
 */
public enum FieldType {

	/** One line of text. */
	TEXT("text"),
	/** Several paragraphs. */
	LONG_TEXT("long-text"),
	EMAIL("email"),
	PHONE("phone"),
	URL("url"),
	DATE("date"),
	NUMBER("number"),
	/** One of the field's {@link Field#choices()}. */
	CHOICE("choice"),
	YES_NO("yes-no"),
	/** An item of another group, possibly of another artifact, such as an asset on the community map. */
	REFERENCE("reference");

	private final String name;

	FieldType(String name) {
		this.name = name;
	}

	/** The type's name in data files, such as {@code long-text}. */
	public String dataName() {
		return name;
	}

	static Optional<FieldType> fromDataName(String name) {
		return Arrays.stream(values()).filter(type -> type.name.equals(name)).findFirst();
	}

	static List<String> dataNames() {
		return Arrays.stream(values()).map(FieldType::dataName).toList();
	}

}
