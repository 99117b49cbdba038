package org.proofwork.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An automatic check of an artifact's evidence, with its parameters from the credential (thresholds, week spans).
 * Checks show the educator and the assessor what the evidence says about a rubric descriptor; the assessor still
 * decides the level. Fields are named by {@link FieldPath}s within the artifact's form.
 */
public sealed interface Check {

	/** The check's id within its artifact. */
	String id();

	/** What the check looks at, as the educator sees it. */
	String label();

	/** The id of the rubric component whose descriptors the check speaks to, if any. */
	Optional<String> component();

	Kind kind();

	/** What a check does, named as in the data file. */
	enum Kind {

		RATIO, AT_LEAST, DATE_SPAN, COVERS_CHOICES, ANY_ITEM

	}

	/**
	 * A percentage of two number fields, such as a survey's return rate, placed in the band of a rubric level.
	 *
	 * @param bands the bands in the credential's order; the first band containing the percentage names the level
	 */
	record Ratio(String id, String label, Optional<String> component, FieldPath numerator, FieldPath denominator,
			List<PercentBand> bands) implements Check {

		public Ratio {
			bands = List.copyOf(bands);
		}

		@Override
		public Kind kind() {
			return Kind.RATIO;
		}

		/**
		 * The percentage, or empty when the denominator is zero. Unrounded, so 79.96% is not taken for 80%; round
		 * only to show it.
		 */
		public Optional<BigDecimal> percent(BigDecimal numeratorValue, BigDecimal denominatorValue) {
			if (denominatorValue.signum() == 0) {
				return Optional.empty();
			}
			return Optional.of(numeratorValue.multiply(BigDecimal.valueOf(100))
				.divide(denominatorValue, MathContext.DECIMAL64));
		}

		/** The level whose band holds the percentage; empty when it falls between the credential's bands. */
		public Optional<String> levelFor(BigDecimal percent) {
			return bands.stream().filter(band -> band.contains(percent)).map(PercentBand::level).findFirst();
		}
	}

	/** A number field that must reach a value, such as "sent to at least 20 families". */
	record AtLeast(String id, String label, Optional<String> component, FieldPath field, BigDecimal value)
			implements Check {

		@Override
		public Kind kind() {
			return Kind.AT_LEAST;
		}

		public boolean isMetBy(BigDecimal actual) {
			return actual.compareTo(value) >= 0;
		}
	}

	/**
	 * The dates of one or more date fields must span a number of weeks, such as a timeline of 5–8 weeks. The span
	 * counts the weeks the dates touch: from the earliest to the latest date, both days included, rounded up to whole
	 * weeks, so a project from a Monday to the Friday four weeks later spans 5 weeks.
	 */
	record DateSpan(String id, String label, Optional<String> component, List<FieldPath> dates, int minWeeks,
			int maxWeeks) implements Check {

		public DateSpan {
			dates = List.copyOf(dates);
		}

		@Override
		public Kind kind() {
			return Kind.DATE_SPAN;
		}

		/** The weeks the dates span; 0 without dates. */
		public static int weeksSpanned(Collection<LocalDate> values) {
			if (values.isEmpty()) {
				return 0;
			}
			LocalDate first = values.stream().min(Comparator.naturalOrder()).orElseThrow();
			LocalDate last = values.stream().max(Comparator.naturalOrder()).orElseThrow();
			long days = ChronoUnit.DAYS.between(first, last) + 1;
			return (int) ((days + 6) / 7);
		}

		public boolean isMetBy(Collection<LocalDate> values) {
			int weeks = weeksSpanned(values);
			return weeks >= minWeeks && weeks <= maxWeeks;
		}
	}

	/** Every choice of a choice field must occur in some item, such as photos of every phase of the project. */
	record CoversChoices(String id, String label, Optional<String> component, FieldPath field) implements Check {

		@Override
		public Kind kind() {
			return Kind.COVERS_CHOICES;
		}
	}

	/**
	 * At least one item of a group must give the field a value (a "yes" for a yes/no field), such as a stakeholder
	 * linked to an asset on the community map.
	 */
	record AnyItem(String id, String label, Optional<String> component, FieldPath field) implements Check {

		@Override
		public Kind kind() {
			return Kind.ANY_ITEM;
		}
	}
}
