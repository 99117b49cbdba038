package org.proofwork.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.proofwork.catalog.SeedFidelityTest.COMMUNITY;
import static org.proofwork.catalog.SeedFidelityTest.PLANNING;

/**
 * The earning rules of the built-in credentials decide as DESIGN.md and the seeds say: Community Partnerships needs
 * a pass on Parts 1 and 3 and Proficient on every Part 2 artifact; Planning with Purpose needs "yes" on Parts 1, 2
 * and 3.
 */
class EarningRuleTest {

	private static final List<String> ARTIFACTS = List.of("needs-assessment", "community-asset-map", "action-plan",
			"photo-essay");

	private final CredentialCatalog catalog = new CredentialCatalog(new CatalogSettings(null),
			new DefaultResourceLoader());

	private final CredentialDefinition community = catalog.find(COMMUNITY).orElseThrow();

	private final CredentialDefinition planning = catalog.find(PLANNING).orElseThrow();

	@Test
	void communityPartnershipsIsEarnedWithPassingPartsAndEveryArtifactProficient() {
		assertThat(community.decide(communityScores())).isEqualTo(EarningDecision.EARNED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "needs-assessment", "community-asset-map", "action-plan", "photo-essay" })
	void oneBasicArtifactIsNotYet(String artifact) {
		Map<String, String> scores = communityScores();
		scores.put(artifact, "basic");

		assertThat(community.decide(scores)).isEqualTo(EarningDecision.NOT_YET);
	}

	@ParameterizedTest
	@ValueSource(strings = { "part-1", "part-3" })
	void aFailedPartIsNotYetEvenWithEveryArtifactProficient(String part) {
		Map<String, String> scores = communityScores();
		scores.put(part, "fail");

		assertThat(community.decide(scores)).isEqualTo(EarningDecision.NOT_YET);
	}

	@Test
	void anUnscoredComponentIsNotYet() {
		Map<String, String> scores = communityScores();
		scores.remove("photo-essay");

		assertThat(community.decide(scores)).isEqualTo(EarningDecision.NOT_YET);
	}

	/** Every one of the 2 × 3⁴ × 2 ways to score Community Partnerships, against DESIGN.md's rule. */
	@Test
	void communityPartnershipsDecidesEveryCombinationAsTheDesignSays() {
		List<Map<String, String>> combinations = combinations(community.rubric());
		assertThat(combinations).hasSize(324);
		for (Map<String, String> scores : combinations) {
			boolean designSays = scores.get("part-1").equals("pass") && scores.get("part-3").equals("pass")
					&& ARTIFACTS.stream().allMatch(artifact -> scores.get(artifact).equals("proficient"));
			assertThat(community.decide(scores).isEarned()).as("%s", scores).isEqualTo(designSays);
		}
	}

	/** Every one of the 2³ ways to score Planning with Purpose: only "yes" on all three parts earns it. */
	@Test
	void planningWithPurposeIsEarnedOnlyWithYesOnEveryPart() {
		List<Map<String, String>> combinations = combinations(planning.rubric());
		assertThat(combinations).hasSize(8);
		for (Map<String, String> scores : combinations) {
			boolean allYes = scores.values().stream().allMatch("yes"::equals);
			assertThat(planning.decide(scores)).as("%s", scores)
				.isEqualTo(allYes ? EarningDecision.EARNED : EarningDecision.NOT_YET);
		}
	}

	@Test
	void refusesScoresForAComponentTheRubricDoesNotHave() {
		Map<String, String> scores = communityScores();
		scores.put("part-2", "proficient");

		assertThatIllegalArgumentException().isThrownBy(() -> community.decide(scores))
			.withMessageContaining("no rubric component 'part-2'");
	}

	@Test
	void refusesALevelTheComponentDoesNotHave() {
		Map<String, String> scores = communityScores();
		scores.put("part-1", "proficient");

		assertThatIllegalArgumentException().isThrownBy(() -> community.decide(scores))
			.withMessageContaining("has no level 'proficient', only [pass, fail]");
	}

	@Test
	void anyIsMetByOneOfItsRules() {
		EarningRule rule = new EarningRule.Any(List.of(new EarningRule.AtLeast("essay", "basic", Set.of("basic",
				"proficient")), new EarningRule.AtLeast("portfolio", "pass", Set.of("pass"))));

		assertThat(rule.decide(Map.of("essay", "developing", "portfolio", "pass"))).isEqualTo(EarningDecision.EARNED);
		assertThat(rule.decide(Map.of("essay", "developing", "portfolio", "fail")))
			.isEqualTo(EarningDecision.NOT_YET);
		assertThat(rule.components()).containsExactlyInAnyOrder("essay", "portfolio");
	}

	@Test
	void aThresholdAcceptsItsLevelAndEveryBetterOne() {
		RubricComponent essay = community.rubric().component("photo-essay").orElseThrow();

		assertThat(EarningRule.AtLeast.of(essay, "basic").accepted()).containsExactlyInAnyOrder("proficient", "basic");
		assertThat(essay.isAtLeast("proficient", "basic")).isTrue();
		assertThat(essay.isAtLeast("developing", "basic")).isFalse();
	}

	private static Map<String, String> communityScores() {
		Map<String, String> scores = new HashMap<>();
		scores.put("part-1", "pass");
		ARTIFACTS.forEach(artifact -> scores.put(artifact, "proficient"));
		scores.put("part-3", "pass");
		return scores;
	}

	private static List<Map<String, String>> combinations(Rubric rubric) {
		List<Map<String, String>> combinations = new ArrayList<>();
		combinations.add(Map.of());
		for (RubricComponent component : rubric.components()) {
			List<Map<String, String>> extended = new ArrayList<>();
			for (Map<String, String> partial : combinations) {
				for (String level : component.levelIds()) {
					Map<String, String> scores = new HashMap<>(partial);
					scores.put(component.id(), level);
					extended.add(scores);
				}
			}
			combinations = extended;
		}
		return combinations;
	}
}
