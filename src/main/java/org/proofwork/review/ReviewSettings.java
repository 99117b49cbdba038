package org.proofwork.review;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How a course reviews: by one assessor (the default: any of the course's assessors scores and decides), or
 * double-blind by two assessors chosen from the roster, who score independently.
 *
 * @param first the first assessor of the panel, absent unless chosen
 * @param second the second assessor of the panel, absent unless chosen
 */
record ReviewSettings(boolean doubleBlind, Optional<Assessor> first, Optional<Assessor> second) {

	static final ReviewSettings ONE_ASSESSOR = new ReviewSettings(false, Optional.empty(), Optional.empty());

	ReviewSettings {
		Objects.requireNonNull(first, "first");
		Objects.requireNonNull(second, "second");
		if (doubleBlind && (first.isEmpty() || second.isEmpty() || first.get().subject().equals(second.get().subject()))) {
			throw new IllegalArgumentException("Double-blind review needs two different assessors");
		}
	}

	/** The two assessors who score when the review is double-blind. */
	List<Assessor> panel() {
		return doubleBlind ? Stream.of(first, second).flatMap(Optional::stream).toList() : List.of();
	}

	boolean onPanel(String subject) {
		return panel().stream().anyMatch(assessor -> assessor.subject().equals(subject));
	}

	/**
	 * The seat a person scores in: the shared one with a single assessor, their own on a double-blind panel, none
	 * when the review is double-blind and they are not on the panel.
	 */
	Optional<String> seatOf(String subject) {
		if (!doubleBlind) {
			return Optional.of(RubricScore.SHARED);
		}
		return onPanel(subject) ? Optional.of(subject) : Optional.empty();
	}

	/** An assessor from the course roster; the name is shown to the course's instructors only. */
	record Assessor(String subject, String name) {

		Assessor {
			Objects.requireNonNull(subject, "subject");
			name = name == null || name.isBlank() ? subject : name;
		}
	}
}
