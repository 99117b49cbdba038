package org.proofwork.review;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Levels and comments by component id, stored as JSON text (portable to H2 and MariaDB alike). */
final class JsonText {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
	};

	private JsonText() {
	}

	static String of(Map<String, String> values) {
		return json.writeValueAsString(new LinkedHashMap<>(values));
	}

	static Map<String, String> map(String text) {
		return text == null || text.isBlank() ? Map.of() : json.readValue(text, MAP);
	}
}
