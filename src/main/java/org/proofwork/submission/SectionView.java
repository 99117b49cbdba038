package org.proofwork.submission;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.proofwork.catalog.Field;
import org.proofwork.catalog.FieldGroup;
import org.proofwork.catalog.FieldType;
import org.proofwork.catalog.FileSlot;
import org.proofwork.submission.Answers.Item;
import org.proofwork.submission.Answers.SectionAnswers;

/**
 * What a section page shows: the section, its answers, its checks, and the derived views (word count, the dated
 * timeline of a photo essay, the diagram of a community map, the options of reference fields).
 */
public record SectionView(Section section, SectionAnswers answers, List<CheckResult> checks, int words,
		List<TimelineEntry> timeline, List<Item> mapAssets) {

	public static SectionView of(Section section, Answers all) {
		SectionAnswers answers = all.section(section.id());
		int words = section.prompts().stream().mapToInt(p -> Checks.words(answers.prompts().get(p.id()))).sum();
		return new SectionView(section, answers, Checks.of(section, answers, all), words, timeline(section, answers),
				mapAssets(section, answers));
	}

	/** Items of a repeating group that has a date and a file per item, in date order: a photo essay's timeline. */
	private static List<TimelineEntry> timeline(Section section, SectionAnswers answers) {
		List<TimelineEntry> entries = new ArrayList<>();
		section.form().ifPresent(form -> {
			for (FieldGroup group : form.groups()) {
				Optional<Field> date = group.fields().stream().filter(f -> f.type() == FieldType.DATE).findFirst();
				Optional<FileSlot> file = group.files().stream().findFirst();
				if (!group.repeats() || date.isEmpty() || file.isEmpty()) {
					continue;
				}
				Optional<Field> choice = group.fields().stream().filter(f -> f.type() == FieldType.CHOICE).findFirst();
				Optional<Field> text = group.fields().stream().filter(f -> f.type() == FieldType.LONG_TEXT).findFirst();
				List<Item> items = answers.items(group.id());
				for (int i = 0; i < items.size(); i++) {
					Item item = items.get(i);
					if (item.isBlank()) {
						continue;
					}
					String phase = choice.flatMap(c -> c.choice(item.value(c.id()))).map(c -> c.label()).orElse("");
					entries.add(new TimelineEntry(i, Checks.date(item.value(date.get().id())).map(Object::toString)
						.orElse(""), phase, text.map(t -> item.value(t.id())).orElse(""),
							item.files(file.get().id())));
				}
			}
		});
		entries.sort(Comparator.comparing(TimelineEntry::date));
		return entries;
	}

	/** A community map: the items of a repeating group with a name and a type. */
	private static List<Item> mapAssets(Section section, SectionAnswers answers) {
		return section.form()
			.flatMap(form -> form.groups()
				.stream()
				.filter(g -> g.repeats() && g.field("name").isPresent() && g.field("type").isPresent())
				.findFirst())
			.map(group -> answers.items(group.id()).stream().filter(item -> !item.isBlank()).toList())
			.orElse(List.of());
	}

	/** Options for a reference field: the filled items of the referenced group, by index and first text value. */
	public static List<ReferenceOption> options(Answers all, Field field) {
		if (field.references().isEmpty()) {
			return List.of();
		}
		String artifact = field.references().get().artifact();
		String group = field.references().get().group();
		List<Item> items = all.section(artifact).items(group);
		List<ReferenceOption> options = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			if (!item.isBlank()) {
				String label = item.values().entrySet().stream()
					.filter(e -> !Item.KEY.equals(e.getKey()) && !e.getValue().isBlank())
					.map(e -> e.getValue())
					.findFirst()
					.orElse("#" + (i + 1));
				options.add(new ReferenceOption(String.valueOf(i), (i + 1) + ". " + label));
			}
		}
		return options;
	}

	/** Where each asset sits on the community map diagram: around the school, evenly spaced. */
	public List<MapPoint> mapPoints() {
		List<MapPoint> points = new ArrayList<>();
		for (int i = 0; i < mapAssets.size(); i++) {
			double angle = 2 * Math.PI * i / mapAssets.size() - Math.PI / 2;
			points.add(new MapPoint(mapAssets.get(i), Math.round(150 * Math.cos(angle)),
					Math.round(120 * Math.sin(angle))));
		}
		return points;
	}

	/** The message key of the problem of every typed value of this section, by its form field name. */
	public java.util.Map<String, String> problems(Answers all) {
		java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();
		section.form().ifPresent(form -> form.groups().forEach(group -> {
			List<Item> items = answers.items(group.id());
			for (int i = 0; i < items.size(); i++) {
				for (Field field : group.fields()) {
					String value = items.get(i).value(field.id());
					if (!value.isBlank()) {
						int index = i;
						Checks.problem(field, value, all).ifPresent(problem -> problems
							.put("item." + group.id() + "." + index + "." + field.id(), problem));
					}
				}
			}
		}));
		return problems;
	}

	public record MapPoint(Item asset, long x, long y) {
	}

	public record TimelineEntry(int index, String date, String phase, String description, List<String> files) {
	}

	public record ReferenceOption(String value, String label) {
	}

	public long unmet() {
		return checks.stream().filter(CheckResult::notMet).count();
	}
}
