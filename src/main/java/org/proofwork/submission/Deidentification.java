package org.proofwork.submission;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.catalog.Field;
import org.proofwork.catalog.FieldGroup;
import org.proofwork.catalog.FieldType;
import org.proofwork.catalog.Prompt;
import org.proofwork.submission.Answers.Item;
import org.proofwork.submission.Answers.SectionAnswers;

/**
 * The seeds ask that nothing identify the educator or their students to reviewers. Before a submission this finds
 * email addresses, phone numbers and the names of people on the course roster in every free text the educator wrote.
 * Contact fields of community partners (typed email, phone or URL fields) are meant to hold such data and are not
 * searched.
 */
final class Deidentification {

	private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

	/** Seven or more digits, optionally grouped with spaces, dots, dashes or brackets, as phone numbers are. */
	private static final Pattern PHONE = Pattern
		.compile("(?<![\\p{L}\\p{N}])\\+?\\(?\\d{1,4}\\)?(?:[ .\\-]?\\(?\\d{2,4}\\)?){2,4}(?![\\p{L}\\p{N}])");

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final int CONTEXT = 30;

	private Deidentification() {
	}

	/**
	 * @param names full names of the people on the roster and of the educator; each name and its parts of three or
	 * more letters are searched as whole words
	 */
	static List<IdentifyingPassage> scan(CredentialDefinition credential, Answers answers, Collection<String> names) {
		Pattern namePattern = namePattern(names);
		List<IdentifyingPassage> found = new ArrayList<>();
		for (Section section : Section.of(credential)) {
			SectionAnswers sectionAnswers = answers.section(section.id());
			for (Prompt prompt : section.prompts()) {
				scanText(found, section.id(), prompt.text(), sectionAnswers.prompts().get(prompt.id()), namePattern);
			}
			section.form().ifPresent(form -> {
				for (FieldGroup group : form.groups()) {
					for (Item item : sectionAnswers.items(group.id())) {
						for (Field field : group.fields()) {
							if (field.type() == FieldType.TEXT || field.type() == FieldType.LONG_TEXT) {
								scanText(found, section.id(), group.label() + " – " + field.label(),
										item.value(field.id()), namePattern);
							}
						}
					}
				}
			});
		}
		return found;
	}

	private static void scanText(List<IdentifyingPassage> found, String sectionId, String where, String text,
			Pattern names) {
		if (text == null || text.isBlank()) {
			return;
		}
		find(found, sectionId, where, text, EMAIL, IdentifyingPassage.Kind.EMAIL);
		find(found, sectionId, where, text, PHONE, IdentifyingPassage.Kind.PHONE);
		if (names != null) {
			find(found, sectionId, where, text, names, IdentifyingPassage.Kind.NAME);
		}
	}

	private static void find(List<IdentifyingPassage> found, String sectionId, String where, String text,
			Pattern pattern, IdentifyingPassage.Kind kind) {
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			if (kind == IdentifyingPassage.Kind.PHONE && (matcher.group().chars().filter(Character::isDigit).count() < 7
					|| ISO_DATE.matcher(matcher.group().strip()).matches())) {
				continue;
			}
			int start = matcher.start();
			int end = matcher.end();
			found.add(new IdentifyingPassage(sectionId, where, kind,
					(start > CONTEXT ? "…" : "") + text.substring(Math.max(0, start - CONTEXT), start), matcher.group(),
					text.substring(end, Math.min(text.length(), end + CONTEXT)) + (end + CONTEXT < text.length() ? "…" : "")));
		}
	}

	private static Pattern namePattern(Collection<String> names) {
		Set<String> words = new LinkedHashSet<>();
		for (String name : names) {
			if (name == null || name.isBlank()) {
				continue;
			}
			words.add(name.strip());
			for (String part : name.strip().split("[\\s,]+")) {
				if (part.codePointCount(0, part.length()) >= 3) {
					words.add(part);
				}
			}
		}
		if (words.isEmpty()) {
			return null;
		}
		List<String> alternatives = words.stream()
			.sorted((a, b) -> b.length() - a.length())
			.map(Pattern::quote)
			.toList();
		return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])",
				Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

}
