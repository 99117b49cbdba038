package org.proofwork.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.catalog.RubricComponent;
import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;

/**
 * What an assessor entered for one submitted version: a level and a feedback comment per rubric component, and an
 * overall comment. Kept as typed (a half-scored sheet is saved, never refused); only deciding needs every level.
 *
 * @param levels rubric component id to level id, only for components that have been scored
 * @param comments rubric component id to feedback, only for components with a comment
 */
record ScoreSheet(Map<String, String> levels, Map<String, String> comments, String overall) {

	/** Longest feedback per component; the form says so too ({@code maxlength}). */
	static final int COMMENT_LENGTH = 2000;

	/** Longest overall comment (it is also the comment the gradebook receives). */
	static final int OVERALL_LENGTH = 5000;

	static final ScoreSheet EMPTY = new ScoreSheet(Map.of(), Map.of(), "");

	ScoreSheet {
		levels = Map.copyOf(levels);
		comments = Map.copyOf(comments);
		overall = overall == null ? "" : overall;
	}

	/**
	 * The sheet a review form posted: {@code level.<component>}, {@code comment.<component>} and {@code overall}.
	 * @param commentLength the longest comment per component the form allows
	 * @param overallLength the longest overall comment the form allows
	 */
	static ScoreSheet fromForm(CredentialDefinition credential, Map<String, String[]> parameters, int commentLength,
			int overallLength) {
		Map<String, String> levels = new LinkedHashMap<>();
		Map<String, String> comments = new LinkedHashMap<>();
		for (RubricComponent component : credential.rubric().components()) {
			String level = first(parameters, "level." + component.id()).strip();
			if (!level.isEmpty()) {
				if (component.level(level).isEmpty()) {
					throw new UserFacingException(HttpStatus.BAD_REQUEST, "review.form.invalid.title",
							"review.form.invalid.advice", "no level " + level + " in " + component.id());
				}
				levels.put(component.id(), level);
			}
			String comment = first(parameters, "comment." + component.id()).strip();
			if (!comment.isEmpty()) {
				comments.put(component.id(), limited(comment, commentLength));
			}
		}
		return new ScoreSheet(levels, comments, limited(first(parameters, "overall").strip(), overallLength));
	}

	/** The components the sheet has no level for yet, in the rubric's order. */
	List<RubricComponent> unscored(CredentialDefinition credential) {
		return credential.rubric().components().stream().filter(c -> !levels.containsKey(c.id())).toList();
	}

	/** The level scored for a component, empty when none (public for the templates). */
	public String level(String componentId) {
		return levels.getOrDefault(componentId, "");
	}

	public String comment(String componentId) {
		return comments.getOrDefault(componentId, "");
	}

	/** The components two sheets score differently, in the rubric's order. */
	List<RubricComponent> disagreements(CredentialDefinition credential, ScoreSheet other) {
		return credential.rubric().components().stream()
			.filter(c -> !level(c.id()).equals(other.level(c.id())))
			.toList();
	}

	/**
	 * Two assessors' sheets that agree on every level, as one: each comment of both, once. The educator reads the
	 * feedback of both, without learning that there were two.
	 */
	static ScoreSheet merged(List<ScoreSheet> sheets) {
		Map<String, String> levels = new LinkedHashMap<>();
		Map<String, Set<String>> comments = new LinkedHashMap<>();
		Set<String> overall = new LinkedHashSet<>();
		for (ScoreSheet sheet : sheets) {
			levels.putAll(sheet.levels());
			sheet.comments().forEach((component, text) -> comments.computeIfAbsent(component, c -> new LinkedHashSet<>())
				.add(text));
			if (!sheet.overall().isBlank()) {
				overall.add(sheet.overall());
			}
		}
		Map<String, String> joined = new LinkedHashMap<>();
		comments.forEach((component, texts) -> joined.put(component, String.join("\n\n", texts)));
		return new ScoreSheet(levels, joined, String.join("\n\n", new ArrayList<>(overall)));
	}

	private static String first(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		// Browsers send a textarea's line breaks as CRLF but count them as one character against maxlength.
		return values == null || values.length == 0 || values[0] == null ? "" : values[0].replace("\r\n", "\n");
	}

	private static String limited(String text, int length) {
		if (text.length() > length) {
			// The form's maxlength stops this in a browser; only a hand-made request gets here.
			throw new UserFacingException(HttpStatus.BAD_REQUEST, "review.form.too-long.title",
					"review.form.too-long.advice", "comment of " + text.length() + " characters", length);
		}
		return text;
	}
}
