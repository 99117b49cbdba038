package org.proofwork.devplatform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON object a tool sent (a registration, a score, a line item, a claim of a JWT), read field by field so that a
 * refusal can name the field that was missing or of the wrong type.
 */
record JsonObject(String what, Map<String, Object> values) {

	private static final JsonMapper json = JsonMapper.builder().build();

	JsonObject {
		values = values == null ? Map.of() : values;
	}

	/** Reads a request body that must be one JSON object; anything else is refused with 400. */
	@SuppressWarnings("unchecked")
	static JsonObject parse(String what, String body) {
		if (body == null || body.isBlank()) {
			throw DemoRefusal.badRequest(what + ": the request has no JSON body");
		}
		Object parsed;
		try {
			parsed = json.readValue(body, Object.class);
		}
		catch (JacksonException ex) {
			throw DemoRefusal.badRequest(what + ": the request body is not valid JSON: " + ex.getOriginalMessage());
		}
		if (!(parsed instanceof Map<?, ?> map)) {
			throw DemoRefusal.badRequest(what + ": the request body must be a JSON object");
		}
		return new JsonObject(what, (Map<String, Object>) map);
	}

	boolean has(String name) {
		return values.get(name) != null;
	}

	/** A string field, or null when absent. */
	String text(String name) {
		Object value = values.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw DemoRefusal.badRequest(what + ": " + name + " must be a string");
		}
		return text;
	}

	String requiredText(String name) {
		String value = text(name);
		if (value == null || value.isBlank()) {
			throw DemoRefusal.badRequest(what + ": " + name + " is required");
		}
		return value;
	}

	/** A number field, or null when absent. */
	Double number(String name) {
		Object value = values.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Number number)) {
			throw DemoRefusal.badRequest(what + ": " + name + " must be a number");
		}
		return number.doubleValue();
	}

	/** A nested object, or null when absent. */
	@SuppressWarnings("unchecked")
	JsonObject object(String name) {
		Object value = values.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw DemoRefusal.badRequest(what + ": " + name + " must be an object");
		}
		return new JsonObject(what + " " + name, (Map<String, Object>) map);
	}

	/** An array of strings, or null when absent. */
	List<String> strings(String name) {
		Object value = values.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
			throw DemoRefusal.badRequest(what + ": " + name + " must be an array of strings");
		}
		return list.stream().map(String.class::cast).toList();
	}

	/** An array of objects, or null when absent. */
	@SuppressWarnings("unchecked")
	List<JsonObject> objects(String name) {
		Object value = values.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
			throw DemoRefusal.badRequest(what + ": " + name + " must be an array of objects");
		}
		return list.stream().map(item -> new JsonObject(what + " " + name, (Map<String, Object>) item)).toList();
	}

	/** The object's fields as text, for custom parameters, which LTI defines as strings. */
	Map<String, String> asStrings() {
		Map<String, String> strings = new LinkedHashMap<>();
		values.forEach((key, value) -> {
			if (value != null) {
				strings.put(key, value.toString());
			}
		});
		return strings;
	}
}
