package org.proofwork.submission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proofwork.catalog.FieldGroup;
import org.proofwork.catalog.Prompt;
import org.proofwork.submission.Answers.SectionAnswers;

/**
 * Reads a section page's form: {@code prompt.<id>} for written answers, {@code item.<group>.<index>.<field>} for the
 * items of repeating groups ({@code _key} is the item's stable key). Only the section's own prompts, groups and fields are taken; anything else in the request
 * is ignored.
 */
final class SectionForm {

	static final int MAX_TEXT = 20_000;

	private static final Pattern ITEM = Pattern.compile("item\\.([a-z0-9-]+)\\.(\\d{1,3})\\.([a-z0-9-]+|_key)");

	private SectionForm() {
	}

	static SectionAnswers read(Section section, SectionAnswers current, Map<String, String[]> parameters) {
		Map<String, String> prompts = new LinkedHashMap<>();
		for (Prompt prompt : section.prompts()) {
			prompts.put(prompt.id(), text(parameters.get("prompt." + prompt.id())));
		}
		Map<String, TreeMap<Integer, Map<String, String>>> items = new LinkedHashMap<>();
		section.form().ifPresent(form -> form.groups().forEach(group -> items.put(group.id(), new TreeMap<>())));
		parameters.forEach((name, values) -> {
			Matcher matcher = ITEM.matcher(name);
			if (!matcher.matches() || !items.containsKey(matcher.group(1))) {
				return;
			}
			FieldGroup group = section.form().orElseThrow().group(matcher.group(1)).orElseThrow();
			if (!Answers.Item.KEY.equals(matcher.group(3)) && group.field(matcher.group(3)).isEmpty()) {
				return;
			}
			int index = Integer.parseInt(matcher.group(2));
			items.get(group.id()).computeIfAbsent(index, i -> new LinkedHashMap<>()).put(matcher.group(3), text(values));
		});
		Map<String, List<Map<String, String>>> typed = new LinkedHashMap<>();
		items.forEach((groupId, byIndex) -> {
			List<Map<String, String>> list = new ArrayList<>();
			// Indices may have gaps after a removal in the browser: the order counts, and each item's key keeps its
			// files with it.
			byIndex.forEach((index, values) -> list.add(values));
			typed.put(groupId, list);
		});
		return current.withTypedValues(prompts, typed);
	}

	private static String text(String[] values) {
		if (values == null || values.length == 0 || values[0] == null) {
			return "";
		}
		String value = values[0].replace("\r\n", "\n");
		return value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT) : value;
	}
}
