package org.proofwork.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One mapping of a credential file, read through SnakeYAML's node API rather than bound to objects, because only
 * nodes still know the line they came from: every problem is reported with the file and line to fix.
 */
final class YamlMap {

	private final String file;

	private final String what;

	private final MappingNode node;

	private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

	/**
	 * @param what how messages name this mapping, such as "part 'part-1'"
	 * @param keys every key the mapping may have; any other is refused, since a misspelt optional key would
	 * otherwise be silently ignored
	 */
	private YamlMap(String file, String what, MappingNode node, Set<String> keys) {
		this.file = file;
		this.what = what;
		this.node = node;
		for (NodeTuple tuple : node.getValue()) {
			Node keyNode = tuple.getKeyNode();
			String key = scalar(file, keyNode, "a key in " + what);
			if (!keys.contains(key)) {
				throw problem(file, keyNode, "unknown key '" + key + "' in " + what + " (expected one of: "
						+ String.join(", ", keys.stream().sorted().toList()) + ")");
			}
			NodeTuple earlier = entries.putIfAbsent(key, tuple);
			if (earlier != null) {
				throw problem(file, keyNode, "duplicate key '" + key + "' in " + what + " (first given on line "
						+ line(earlier.getKeyNode()) + ")");
			}
		}
	}

	private YamlMap(YamlMap other, String what) {
		this.file = other.file;
		this.what = what;
		this.node = other.node;
		this.entries.putAll(other.entries);
	}

	static YamlMap of(String file, Node node, String what, Set<String> keys) {
		if (!(node instanceof MappingNode mapping)) {
			throw problem(file, node, what + " must be a mapping of keys to values, not " + describe(node));
		}
		return new YamlMap(file, what, mapping, keys);
	}

	static InvalidCredentialDefinitionException problem(String file, Node at, String message) {
		return new InvalidCredentialDefinitionException(file, line(at), message);
	}

	/** SnakeYAML counts lines from 0; editors and people from 1. */
	static int line(Node node) {
		return node.getStartMark().getLine() + 1;
	}

	/** A scalar's text; YAML 1.1 would read {@code yes} or {@code 2024} as other types, but ids and labels are text. */
	static String scalar(String file, Node node, String what) {
		if (!(node instanceof ScalarNode scalar)) {
			throw problem(file, node, what + " must be text, not " + describe(node));
		}
		if (scalar.getTag().equals(Tag.NULL) || scalar.getValue().isBlank()) {
			throw problem(file, node, what + " must not be empty");
		}
		return scalar.getValue().strip();
	}

	static List<Node> sequence(String file, Node node, String what) {
		if (!(node instanceof SequenceNode sequence)) {
			throw problem(file, node, what + " must be a list, not " + describe(node));
		}
		return sequence.getValue();
	}

	private static String describe(Node node) {
		if (node instanceof MappingNode) {
			return "a mapping";
		}
		if (node instanceof SequenceNode) {
			return "a list";
		}
		return node.getTag().equals(Tag.NULL) ? "nothing" : "'" + ((ScalarNode) node).getValue() + "'";
	}

	/** The same mapping, named more precisely once its id is known, such as "part 'part-1'" for "a part". */
	YamlMap named(String betterWhat) {
		return new YamlMap(this, betterWhat);
	}

	String file() {
		return file;
	}

	String what() {
		return what;
	}

	Node node() {
		return node;
	}

	int line() {
		return line(node);
	}

	boolean has(String key) {
		return entries.containsKey(key);
	}

	/** The key's line, or the mapping's when the key is absent. */
	Node at(String key) {
		NodeTuple tuple = entries.get(key);
		return tuple == null ? node : tuple.getValueNode();
	}

	InvalidCredentialDefinitionException problem(String message) {
		return problem(file, node, message);
	}

	InvalidCredentialDefinitionException problemAt(String key, String message) {
		return problem(file, at(key), message);
	}

	Node value(String key) {
		NodeTuple tuple = entries.get(key);
		if (tuple == null) {
			throw problem("missing required key '" + key + "' in " + what);
		}
		return tuple.getValueNode();
	}

	Optional<Node> optionalValue(String key) {
		return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
	}

	String text(String key) {
		return scalar(file, value(key), "'" + key + "' of " + what);
	}

	Optional<String> optionalText(String key) {
		return optionalValue(key).map(value -> scalar(file, value, "'" + key + "' of " + what));
	}

	YamlMap map(String key, String valueWhat, Set<String> keys) {
		return of(file, value(key), valueWhat, keys);
	}

	Optional<YamlMap> optionalMap(String key, String valueWhat, Set<String> keys) {
		return optionalValue(key).map(value -> of(file, value, valueWhat, keys));
	}

	/** A list that must have at least one item. */
	List<Node> list(String key) {
		List<Node> items = sequence(file, value(key), "'" + key + "' of " + what);
		if (items.isEmpty()) {
			throw problemAt(key, "'" + key + "' of " + what + " must not be empty");
		}
		return items;
	}

	/** A list that may be absent or empty. */
	List<Node> optionalList(String key) {
		return optionalValue(key).map(value -> sequence(file, value, "'" + key + "' of " + what))
			.orElse(List.of());
	}

	List<String> texts(String key, boolean required) {
		List<Node> items = required ? list(key) : optionalList(key);
		List<String> texts = new ArrayList<>();
		for (Node item : items) {
			texts.add(scalar(file, item, "an item of '" + key + "' of " + what));
		}
		return texts;
	}

	int integer(String key) {
		return wholeNumber(key, value(key));
	}

	Optional<Integer> optionalInteger(String key) {
		return optionalValue(key).map(value -> wholeNumber(key, value));
	}

	private int wholeNumber(String key, Node value) {
		String text = scalar(file, value, "'" + key + "' of " + what);
		try {
			int number = Integer.parseInt(text);
			if (number < 0) {
				throw problem(file, value, "'" + key + "' of " + what + " must not be negative, was " + number);
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw problem(file, value, "'" + key + "' of " + what + " must be a whole number, not '" + text + "'");
		}
	}

	Optional<BigDecimal> optionalDecimal(String key) {
		return optionalValue(key).map(value -> decimal(key, value));
	}

	BigDecimal decimal(String key) {
		return decimal(key, value(key));
	}

	private BigDecimal decimal(String key, Node value) {
		String text = scalar(file, value, "'" + key + "' of " + what);
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw problem(file, value, "'" + key + "' of " + what + " must be a number, not '" + text + "'");
		}
	}

	boolean flag(String key, boolean otherwise) {
		Optional<Node> value = optionalValue(key);
		if (value.isEmpty()) {
			return otherwise;
		}
		String text = scalar(file, value.get(), "'" + key + "' of " + what);
		return switch (text) {
			case "true" -> true;
			case "false" -> false;
			default -> throw problem(file, value.get(),
					"'" + key + "' of " + what + " must be true or false, not '" + text + "'");
		};
	}
}
