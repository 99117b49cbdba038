package org.proofwork.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.proofwork.catalog.SeedFidelityTest.COMMUNITY;

/**
 * The automatic checks carry the seed's parameters (return-rate bands, 5–8 week spans, every phase) as data, and
 * evaluate them the way the rubric descriptors read.
 */
class ChecksTest {

	private final CredentialDefinition community = CredentialDefinitions
		.load(new PathMatchingResourcePatternResolver(), CredentialDefinitions.BUILT_IN_FOLDER, Optional.empty())
		.stream()
		.filter(definition -> definition.id().equals(COMMUNITY))
		.findFirst()
		.orElseThrow();

	@Test
	void returnRatePlacesARateInTheSeedsBands() {
		Check.Ratio returnRate = (Check.Ratio) check("needs-assessment", "return-rate");

		assertThat(returnRate.numerator()).isEqualTo(new FieldPath("administration", "responses-returned"));
		assertThat(returnRate.denominator()).isEqualTo(new FieldPath("administration", "families-sent-to"));
		assertThat(returnRate.levelFor(percent(20, 25))).contains("proficient");
		// 79.96% is not rounded up into Proficient.
		assertThat(returnRate.levelFor(percent(1999, 2500))).contains("basic");
		// The seed's bands overlap at 80-89%; the first, Proficient, wins.
		assertThat(returnRate.levelFor(new BigDecimal("85"))).contains("proficient");
		assertThat(returnRate.levelFor(new BigDecimal("75"))).contains("basic");
		// and leave 50-74% to the assessor.
		assertThat(returnRate.levelFor(new BigDecimal("60"))).isEmpty();
		assertThat(returnRate.levelFor(new BigDecimal("49.9"))).contains("developing");
		assertThat(returnRate.percent(BigDecimal.ONE, BigDecimal.ZERO)).isEmpty();
	}

	@Test
	void familiesReachedNeedsTwenty() {
		Check.AtLeast reached = (Check.AtLeast) check("needs-assessment", "families-reached");

		assertThat(reached.isMetBy(BigDecimal.valueOf(20))).isTrue();
		assertThat(reached.isMetBy(BigDecimal.valueOf(19))).isFalse();
	}

	@Test
	void timelineSpansFiveToEightWeeks() {
		Check.DateSpan timeline = (Check.DateSpan) check("action-plan", "timeline-span");
		LocalDate monday = LocalDate.of(2025, 9, 1);

		assertThat(timeline.dates()).containsExactly(new FieldPath("timeline", "starts-on"),
				new FieldPath("timeline", "ends-on"), new FieldPath("tasks", "due-on"));
		assertThat(timeline.minWeeks()).isEqualTo(5);
		assertThat(timeline.maxWeeks()).isEqualTo(8);
		// Monday of week 1 to Friday of week 5.
		assertThat(timeline.isMetBy(List.of(monday, monday.plusWeeks(4).plusDays(4)))).isTrue();
		assertThat(timeline.isMetBy(List.of(monday, monday.plusWeeks(3).plusDays(6)))).isFalse();
		assertThat(timeline.isMetBy(List.of(monday, monday.plusWeeks(8).minusDays(1)))).isTrue();
		assertThat(timeline.isMetBy(List.of(monday, monday.plusWeeks(8)))).isFalse();
		assertThat(timeline.isMetBy(List.of())).isFalse();
	}

	@Test
	void photosMustCoverEveryPhase() {
		Check.CoversChoices phases = (Check.CoversChoices) check("photo-essay", "every-phase");
		Field phase = community.artifact("photo-essay").orElseThrow().form().field(phases.field()).orElseThrow();

		assertThat(phase.choices()).extracting(Choice::id)
			.containsExactly("needs-assessment", "community-mapping", "action-planning", "event");
	}

	@Test
	void aStakeholderMustBeOnTheAssetMap() {
		Check.AnyItem partner = (Check.AnyItem) check("action-plan", "partner-on-asset-map");
		Field asset = community.artifact("action-plan").orElseThrow().form().field(partner.field()).orElseThrow();

		assertThat(asset.type()).isEqualTo(FieldType.REFERENCE);
		assertThat(asset.references()).contains(new ItemReference("community-asset-map", "assets"));
	}

	private Check check(String artifact, String check) {
		return community.artifact(artifact).orElseThrow().check(check).orElseThrow();
	}

	private static BigDecimal percent(int returned, int sent) {
		return new Check.Ratio("r", "r", Optional.empty(), new FieldPath("a", "b"), new FieldPath("a", "c"), List.of())
			.percent(BigDecimal.valueOf(returned), BigDecimal.valueOf(sent))
			.orElseThrow();
	}
}
