package org.proofwork.submission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an educator has entered, section by section (a section is a part or an artifact). Stored as JSON text;
 * values are kept as typed, so a half-finished draft is never refused.
 */
public record Answers(Map<String, SectionAnswers> sections) {

	public static final Answers EMPTY = new Answers(Map.of());

	public Answers {
		sections = Map.copyOf(sections);
	}

	public SectionAnswers section(String sectionId) {
		return sections.getOrDefault(sectionId, SectionAnswers.EMPTY);
	}

	public Answers with(String sectionId, SectionAnswers answers) {
		Map<String, SectionAnswers> changed = new LinkedHashMap<>(sections);
		changed.put(sectionId, answers);
		return new Answers(changed);
	}

	/**
	 * @param prompts written answer per prompt id
	 * @param groups the items of each repeating group
	 * @param files evidence file ids per file slot of the section's form
	 */
	public record SectionAnswers(Map<String, String> prompts, Map<String, List<Item>> groups,
			Map<String, List<String>> files) {

		public static final SectionAnswers EMPTY = new SectionAnswers(Map.of(), Map.of(), Map.of());

		public SectionAnswers {
			prompts = prompts == null ? Map.of() : Map.copyOf(prompts);
			groups = groups == null ? Map.of() : Map.copyOf(groups);
			files = files == null ? Map.of() : Map.copyOf(files);
		}

		public List<Item> items(String groupId) {
			return groups.getOrDefault(groupId, List.of());
		}

		public List<String> files(String slotId) {
			return files.getOrDefault(slotId, List.of());
		}

		SectionAnswers withFile(String slotId, String fileId) {
			Map<String, List<String>> changed = new LinkedHashMap<>(files);
			List<String> ids = new ArrayList<>(files(slotId));
			ids.add(fileId);
			changed.put(slotId, ids);
			return new SectionAnswers(prompts, groups, changed);
		}

		SectionAnswers withItemFile(String groupId, int index, String slotId, String fileId) {
			List<Item> items = new ArrayList<>(items(groupId));
			while (items.size() <= index) {
				items.add(new Item(Map.of(Item.KEY, Item.newKey()), Map.of()));
			}
			items.set(index, items.get(index).withFile(slotId, fileId));
			Map<String, List<Item>> changed = new LinkedHashMap<>(groups);
			changed.put(groupId, items);
			return new SectionAnswers(prompts, changed, files);
		}

		SectionAnswers withoutFile(String fileId) {
			Map<String, List<String>> changedFiles = new LinkedHashMap<>();
			files.forEach((slot, ids) -> changedFiles.put(slot, ids.stream().filter(id -> !id.equals(fileId)).toList()));
			Map<String, List<Item>> changedGroups = new LinkedHashMap<>();
			groups.forEach((group, items) -> changedGroups.put(group,
					items.stream().map(item -> item.withoutFile(fileId)).toList()));
			return new SectionAnswers(prompts, changedGroups, changedFiles);
		}

		/**
		 * The same section with new typed values; each item keeps the files it already has, found by its key (a
		 * removed item's files are dropped from the draft with it). A stored item whose key the form does not carry
		 * was added after the page was shown (a photo uploaded in bulk while the page autosaved): it is kept, after
		 * the form's items, rather than dropped by a form that never showed it. Removing an item is an action of its
		 * own ({@link #withoutItem}), never an item missing from the form.
		 */
		SectionAnswers withTypedValues(Map<String, String> newPrompts, Map<String, List<Map<String, String>>> values) {
			Map<String, List<Item>> changed = new LinkedHashMap<>();
			values.forEach((groupId, typedItems) -> {
				Map<String, Item> existing = new LinkedHashMap<>();
				items(groupId).forEach(item -> existing.put(item.key(), item));
				List<Item> merged = new ArrayList<>();
				for (Map<String, String> typed : typedItems) {
					Map<String, String> itemValues = new LinkedHashMap<>(typed);
					String key = itemValues.getOrDefault(Item.KEY, "");
					Item before = key.isEmpty() ? null : existing.remove(key);
					if (key.isEmpty()) {
						itemValues.put(Item.KEY, Item.newKey());
					}
					merged.add(new Item(itemValues, before == null ? Map.of() : before.files()));
				}
				// Items stored without a key (drafts older than keys) cannot be told apart from the form's: the form
				// stands for them, as before.
				existing.forEach((key, unseen) -> {
					if (!key.isEmpty()) {
						merged.add(unseen);
					}
				});
				changed.put(groupId, merged);
			});
			groups.forEach(changed::putIfAbsent);
			return new SectionAnswers(newPrompts, changed, files);
		}

		SectionAnswers withNewItem(String groupId) {
			List<Item> items = new ArrayList<>(items(groupId));
			items.add(new Item(Map.of(Item.KEY, Item.newKey()), Map.of()));
			Map<String, List<Item>> changed = new LinkedHashMap<>(groups);
			changed.put(groupId, items);
			return new SectionAnswers(prompts, changed, files);
		}

		SectionAnswers withoutItem(String groupId, int index) {
			List<Item> items = new ArrayList<>(items(groupId));
			if (index >= 0 && index < items.size()) {
				items.remove(index);
			}
			Map<String, List<Item>> changed = new LinkedHashMap<>(groups);
			changed.put(groupId, items);
			return new SectionAnswers(prompts, changed, files);
		}

		/** Every evidence file id the section refers to. */
		List<String> allFiles() {
			List<String> ids = new ArrayList<>();
			files.values().forEach(ids::addAll);
			groups.values().forEach(items -> items.forEach(item -> item.files().values().forEach(ids::addAll)));
			return ids;
		}
	}

	/** One item of a repeating group: a survey question, an asset, a stakeholder, a photo. */
	public record Item(Map<String, String> values, Map<String, List<String>> files) {

		public static final Item EMPTY = new Item(Map.of(), Map.of());

		/** The value that keeps an item's identity while items are added and removed around it. */
		public static final String KEY = "_key";

		static String newKey() {
			return java.util.UUID.randomUUID().toString().substring(0, 8);
		}

		public String key() {
			return values.getOrDefault(KEY, "");
		}

		public Item {
			values = values == null ? Map.of() : Map.copyOf(values);
			files = files == null ? Map.of() : Map.copyOf(files);
		}

		public String value(String fieldId) {
			return values.getOrDefault(fieldId, "");
		}

		public List<String> files(String slotId) {
			return files.getOrDefault(slotId, List.of());
		}

		public boolean isBlank() {
			return values.entrySet().stream().filter(e -> !KEY.equals(e.getKey())).allMatch(e -> e.getValue().isBlank())
					&& files.values().stream().allMatch(List::isEmpty);
		}

		Item withFile(String slotId, String fileId) {
			Map<String, List<String>> changed = new LinkedHashMap<>(files);
			List<String> ids = new ArrayList<>(files(slotId));
			ids.add(fileId);
			changed.put(slotId, ids);
			return new Item(values, changed);
		}

		Item withoutFile(String fileId) {
			Map<String, List<String>> changed = new LinkedHashMap<>();
			files.forEach((slot, ids) -> changed.put(slot, ids.stream().filter(id -> !id.equals(fileId)).toList()));
			return new Item(values, changed);
		}

		Item withValue(String fieldId, String value) {
			Map<String, String> changed = new LinkedHashMap<>(values);
			changed.put(fieldId, value);
			return new Item(changed, files);
		}
	}
}
