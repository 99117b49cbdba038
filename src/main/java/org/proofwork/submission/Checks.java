package org.proofwork.submission;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.proofwork.catalog.Alternative;
import org.proofwork.catalog.Check;
import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.catalog.EvidenceForm;
import org.proofwork.catalog.Field;
import org.proofwork.catalog.FieldGroup;
import org.proofwork.catalog.FieldPath;
import org.proofwork.catalog.FieldType;
import org.proofwork.catalog.FileSlot;
import org.proofwork.catalog.Prompt;
import org.proofwork.submission.Answers.Item;
import org.proofwork.submission.Answers.SectionAnswers;
import org.proofwork.submission.CheckResult.Outcome;

/**
 * The automatic checks, computed from the credential's data and the educator's answers: word counts, item counts,
 * required fields and their formats, file counts, and the checks the credential names (return rate, time span,
 * phases covered, a partner from the map).
 */
final class Checks {

	static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	static final Pattern PHONE = Pattern.compile("[+()0-9 .\\-/]{7,25}");

	static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*");

	private Checks() {
	}

	static int words(String text) {
		if (text == null || text.isBlank()) {
			return 0;
		}
		return (int) WORD.matcher(text).results().count();
	}

	static List<CheckResult> of(CredentialDefinition credential, Answers answers) {
		List<CheckResult> results = new ArrayList<>();
		for (Section section : Section.of(credential)) {
			results.addAll(of(section, answers.section(section.id()), answers));
		}
		return results;
	}

	static List<CheckResult> of(Section section, SectionAnswers answers, Answers all) {
		List<CheckResult> results = new ArrayList<>();
		String s = section.id();
		if (!section.prompts().isEmpty()) {
			for (Prompt prompt : section.prompts()) {
				boolean answered = !answers.prompts().getOrDefault(prompt.id(), "").isBlank();
				results.add(new CheckResult(s, "prompt-" + prompt.id(), prompt.text(),
						answered ? Outcome.MET : Outcome.NOT_MET,
						answered ? "check.prompt.answered" : "check.prompt.unanswered", new Object[0], Optional.empty()));
			}
			int words = section.prompts().stream().mapToInt(p -> words(answers.prompts().get(p.id()))).sum();
			section.words().ifPresent(range -> results.add(new CheckResult(s, "words", null,
					range.contains(words) ? Outcome.MET : Outcome.NOT_MET,
					words < range.min() ? "check.words.short" : words > range.max() ? "check.words.long" : "check.words.ok",
					new Object[] { words, range.min(), range.max() }, Optional.of(s))));
		}
		section.form().ifPresent(form -> results.addAll(formChecks(s, form, answers, all)));
		for (Check check : section.checks()) {
			results.add(credentialCheck(section, check, answers));
		}
		return results;
	}

	private static List<CheckResult> formChecks(String s, EvidenceForm form, SectionAnswers answers, Answers all) {
		List<CheckResult> results = new ArrayList<>();
		for (FieldGroup group : form.groups()) {
			List<Item> items = filled(answers.items(group.id()));
			boolean excused = excusedByAlternative(form, group.id(), answers);
			if (group.repeats() || group.count().min() > 1) {
				boolean counted = group.count().contains(items.size()) || (excused && items.isEmpty());
				results.add(new CheckResult(s, group.id() + "-count", group.label(),
						counted ? Outcome.MET : Outcome.NOT_MET,
						excused && items.isEmpty() ? "check.count.alternative" : "check.count",
						new Object[] { items.size(), group.count().min(),
								group.count().isBounded() ? group.count().max() : "∞" },
						Optional.empty()));
			}
			if (excused && items.isEmpty()) {
				continue;
			}
			int incomplete = 0;
			int invalid = 0;
			for (Item item : (group.repeats() ? items : firstOrEmpty(answers.items(group.id())))) {
				boolean complete = true;
				for (Field field : group.fields()) {
					String value = item.value(field.id());
					if (field.required() && value.isBlank()) {
						complete = false;
					}
					if (!value.isBlank() && problem(field, value, all).isPresent()) {
						invalid++;
					}
				}
				for (FileSlot slot : group.files()) {
					if (!slot.count().contains(item.files(slot.id()).size())) {
						complete = false;
					}
				}
				if (!complete) {
					incomplete++;
				}
			}
			results.add(new CheckResult(s, group.id() + "-complete", group.label(),
					incomplete == 0 ? Outcome.MET : Outcome.NOT_MET,
					incomplete == 0 ? "check.complete" : "check.incomplete", new Object[] { incomplete },
					Optional.empty()));
			if (invalid > 0) {
				results.add(new CheckResult(s, group.id() + "-formats", group.label(), Outcome.NOT_MET,
						"check.formats", new Object[] { invalid }, Optional.empty()));
			}
		}
		for (FileSlot slot : form.files()) {
			int count = answers.files(slot.id()).size();
			boolean excused = excusedByAlternative(form, slot.id(), answers);
			boolean met = slot.count().contains(count) || (excused && count == 0);
			results.add(new CheckResult(s, slot.id() + "-files", slot.label(), met ? Outcome.MET : Outcome.NOT_MET,
					excused && count == 0 ? "check.files.alternative" : "check.files",
					new Object[] { count, slot.count().min(), slot.count().isBounded() ? slot.count().max() : "∞" },
					Optional.empty()));
		}
		return results;
	}

	/** A group or file slot another member of its alternative stands in for ("uploaded or entered"). */
	private static boolean excusedByAlternative(EvidenceForm form, String memberId, SectionAnswers answers) {
		for (Alternative alternative : form.alternatives()) {
			if (alternative.members().contains(memberId)) {
				return alternative.members().stream()
					.filter(other -> !other.equals(memberId))
					.anyMatch(other -> provided(form, other, answers));
			}
		}
		return false;
	}

	private static boolean provided(EvidenceForm form, String memberId, SectionAnswers answers) {
		if (form.file(memberId).isPresent()) {
			return !answers.files(memberId).isEmpty();
		}
		return form.group(memberId)
			.map(group -> filled(answers.items(memberId)).size() >= Math.max(1, group.count().min()))
			.orElse(false);
	}

	private static List<Item> filled(List<Item> items) {
		return items.stream().filter(item -> !item.isBlank()).toList();
	}

	private static List<Item> firstOrEmpty(List<Item> items) {
		return items.isEmpty() ? List.of(Item.EMPTY) : List.of(items.get(0));
	}

	/** What is wrong with a typed value, as a message key, if anything. */
	static Optional<String> problem(Field field, String value, Answers all) {
		String v = value.strip();
		return switch (field.type()) {
			case EMAIL -> EMAIL.matcher(v).matches() ? Optional.empty() : Optional.of("field.invalid.email");
			case PHONE -> PHONE.matcher(v).matches() && v.chars().filter(Character::isDigit).count() >= 7
					? Optional.empty() : Optional.of("field.invalid.phone");
			case URL -> v.matches("https?://\\S+\\.\\S+") ? Optional.empty() : Optional.of("field.invalid.url");
			case DATE -> date(v).isPresent() ? Optional.empty() : Optional.of("field.invalid.date");
			case NUMBER -> number(v).filter(n -> n.signum() >= 0).isPresent() ? Optional.empty()
					: Optional.of("field.invalid.number");
			case CHOICE -> field.choice(v).isPresent() ? Optional.empty() : Optional.of("field.invalid.choice");
			case YES_NO -> Set.of("yes", "no").contains(v) ? Optional.empty() : Optional.of("field.invalid.yes-no");
			case REFERENCE -> field.references()
				.map(ref -> referenceExists(all, ref.artifact(), ref.group(), v))
				.orElse(false) ? Optional.empty() : Optional.of("field.invalid.reference");
			case TEXT, LONG_TEXT -> Optional.empty();
		};
	}

	private static boolean referenceExists(Answers all, String sectionId, String groupId, String value) {
		try {
			int index = Integer.parseInt(value);
			List<Item> items = all.section(sectionId).items(groupId);
			return index >= 0 && index < items.size() && !items.get(index).isBlank();
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	static Optional<LocalDate> date(String value) {
		try {
			return Optional.of(LocalDate.parse(value.strip()));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	static Optional<BigDecimal> number(String value) {
		try {
			return Optional.of(new BigDecimal(value.strip()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static CheckResult credentialCheck(Section section, Check check, SectionAnswers answers) {
		String s = section.id();
		if (check instanceof Check.Ratio ratio) {
			Optional<BigDecimal> numerator = first(answers, ratio.numerator()).flatMap(Checks::number);
			Optional<BigDecimal> denominator = first(answers, ratio.denominator()).flatMap(Checks::number);
			Optional<BigDecimal> percent = numerator.isPresent() && denominator.isPresent()
					? ratio.percent(numerator.get(), denominator.get()) : Optional.empty();
			if (percent.isEmpty()) {
				return result(s, check, Outcome.NOT_MET, "check.ratio.missing");
			}
			String rounded = percent.get().setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
			Optional<String> level = ratio.levelFor(percent.get());
			return level.map(l -> result(s, check, Outcome.INFO, "check.ratio.level", rounded, l))
				.orElseGet(() -> result(s, check, Outcome.INFO, "check.ratio.no-level", rounded));
		}
		if (check instanceof Check.AtLeast atLeast) {
			Optional<BigDecimal> value = first(answers, atLeast.field()).flatMap(Checks::number);
			return value.map(v -> result(s, check, atLeast.isMetBy(v) ? Outcome.MET : Outcome.NOT_MET,
					"check.at-least", v.toPlainString(), atLeast.value().toPlainString()))
				.orElseGet(() -> result(s, check, Outcome.NOT_MET, "check.value.missing"));
		}
		if (check instanceof Check.DateSpan span) {
			List<LocalDate> dates = span.dates()
				.stream()
				.flatMap(path -> all(answers, path).stream())
				.map(Checks::date)
				.flatMap(Optional::stream)
				.toList();
			if (dates.size() < 2) {
				return result(s, check, Outcome.NOT_MET, "check.span.missing");
			}
			int weeks = Check.DateSpan.weeksSpanned(dates);
			return result(s, check, span.isMetBy(dates) ? Outcome.MET : Outcome.NOT_MET, "check.span", weeks,
					span.minWeeks(), span.maxWeeks());
		}
		if (check instanceof Check.CoversChoices covers) {
			Set<String> present = Set.copyOf(all(answers, covers.field()));
			List<String> missing = choicesOf(section, covers.field()).stream()
				.filter(choice -> !present.contains(choice))
				.toList();
			return missing.isEmpty() ? result(s, check, Outcome.MET, "check.covers")
					: result(s, check, Outcome.NOT_MET, "check.covers.missing", missing.size());
		}
		if (check instanceof Check.AnyItem any) {
			boolean met = all(answers, any.field()).stream().anyMatch(v -> !v.isBlank() && !"no".equals(v));
			return result(s, check, met ? Outcome.MET : Outcome.NOT_MET, met ? "check.any" : "check.any.none");
		}
		throw new IllegalArgumentException("Unknown check " + check);
	}

	private static Collection<String> choicesOf(Section section, FieldPath path) {
		return section.form()
			.flatMap(form -> form.field(path))
			.filter(field -> field.type() == FieldType.CHOICE)
			.map(field -> field.choices().stream().map(choice -> choice.id()).collect(Collectors.toList()))
			.orElse(List.<String>of());
	}

	private static Optional<String> first(SectionAnswers answers, FieldPath path) {
		return all(answers, path).stream().filter(v -> !v.isBlank()).findFirst();
	}

	private static List<String> all(SectionAnswers answers, FieldPath path) {
		return answers.items(path.group()).stream().map(item -> item.value(path.field())).toList();
	}

	private static CheckResult result(String s, Check check, Outcome outcome, String code, Object... arguments) {
		return new CheckResult(s, check.id(), check.label(), outcome, code, arguments, check.component());
	}
}
