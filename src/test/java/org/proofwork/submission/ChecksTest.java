package org.proofwork.submission;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.submission.Answers.Item;
import org.proofwork.submission.Answers.SectionAnswers;
import org.proofwork.submission.CheckResult.Outcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each automatic check, on the real Community Partnerships definition.
 */
@SpringBootTest
class ChecksTest {

	@Autowired
	CredentialCatalog catalog;

	private CredentialDefinition credential() {
		return catalog.find("community-partnerships-for-learning-and-family-well-being").orElseThrow();
	}

	private Section section(String id) {
		return Section.find(credential(), id).orElseThrow();
	}

	private Optional<CheckResult> check(String sectionId, String checkId, SectionAnswers answers) {
		Answers all = Answers.EMPTY.with(sectionId, answers);
		return Checks.of(section(sectionId), answers, all).stream().filter(c -> c.id().equals(checkId)).findFirst();
	}

	@Test
	void countsWordsOfThePartsWholeWrittenAnswerAgainstItsRange() {
		SectionAnswers tooShort = prompts(Map.of("why-this-micro-credential", words(100),
				"classroom-demographics", words(100)));
		SectionAnswers inRange = prompts(Map.of("why-this-micro-credential", words(150),
				"classroom-demographics", words(100), "community-partners-enrich", words(50)));
		SectionAnswers tooLong = prompts(Map.of("why-this-micro-credential", words(401)));

		assertThat(check("part-1", "words", tooShort).orElseThrow().detailCode()).isEqualTo("check.words.short");
		assertThat(check("part-1", "words", inRange).orElseThrow().outcome()).isEqualTo(Outcome.MET);
		assertThat(check("part-1", "words", tooLong).orElseThrow().detailCode()).isEqualTo("check.words.long");
		assertThat(Checks.words("It’s a well-known fact: 3 families, 12 surveys.")).isEqualTo(8);
	}

	@Test
	void needsAssessmentQuestionsAreCountedButTheUploadedSurveyStandsInForThem() {
		SectionAnswers nine = new SectionAnswers(Map.of(), Map.of("questions", items(9, Map.of("question", "Q?",
				"need", "academic"))), Map.of());
		SectionAnswers uploaded = new SectionAnswers(Map.of(), Map.of(), Map.of("survey-document", List.of("f1")));

		assertThat(check("needs-assessment", "questions-count", nine).orElseThrow().outcome())
			.isEqualTo(Outcome.NOT_MET);
		assertThat(check("needs-assessment", "questions-count", uploaded).orElseThrow().outcome())
			.isEqualTo(Outcome.MET);
	}

	@Test
	void placesTheReturnRateInTheRubricsBands() {
		assertThat(rate("100", "85").arguments()).containsExactly("85", "proficient");
		assertThat(rate("100", "60").detailCode()).isEqualTo("check.ratio.no-level");
		assertThat(rate("100", "40").arguments()).containsExactly("40", "developing");
		assertThat(rate("0", "5").outcome()).isEqualTo(Outcome.NOT_MET);
	}

	@Test
	void everyAssetNeedsItsDescriptionContactAndBenefit() {
		Map<String, String> complete = Map.of("name", "Library", "type", "Public service", "description", "Books",
				"contact-person", "Ann", "benefit", "Reading nights");
		Map<String, String> noBenefit = new LinkedHashMap<>(complete);
		noBenefit.remove("benefit");
		SectionAnswers assets = new SectionAnswers(Map.of(),
				Map.of("assets", List.of(item(complete), item(complete), item(complete), item(complete), item(noBenefit))),
				Map.of());

		CheckResult result = check("community-asset-map", "assets-complete", assets).orElseThrow();

		assertThat(result.outcome()).isEqualTo(Outcome.NOT_MET);
		assertThat(result.arguments()).containsExactly(1);
	}

	@Test
	void theActionPlanTimelineMustSpanFiveToEightWeeksAndNameAPartnerFromTheMap() {
		SectionAnswers sixWeeks = new SectionAnswers(Map.of(),
				Map.of("timeline", List.of(item(Map.of("starts-on", "2026-09-07", "ends-on", "2026-10-16"))),
						"stakeholders", List.of(item(Map.of("role", "Parent", "asset", "0")))),
				Map.of());
		SectionAnswers threeWeeks = new SectionAnswers(Map.of(),
				Map.of("timeline", List.of(item(Map.of("starts-on", "2026-09-07", "ends-on", "2026-09-25")))), Map.of());

		assertThat(check("action-plan", "timeline-span", sixWeeks).orElseThrow().outcome()).isEqualTo(Outcome.MET);
		assertThat(check("action-plan", "timeline-span", threeWeeks).orElseThrow().outcome())
			.isEqualTo(Outcome.NOT_MET);
		assertThat(check("action-plan", "partner-on-asset-map", sixWeeks).orElseThrow().outcome())
			.isEqualTo(Outcome.MET);
		assertThat(check("action-plan", "partner-on-asset-map", threeWeeks).orElseThrow().outcome())
			.isEqualTo(Outcome.NOT_MET);
	}

	@Test
	void photosMustSpanFiveToEightWeeksCoverEveryPhaseAndBeDatedAndDescribed() {
		String[] phases = { "needs-assessment", "community-mapping", "action-planning", "event" };
		List<Item> photos = new java.util.ArrayList<>();
		for (int i = 0; i < 12; i++) {
			photos.add(new Item(Map.of("taken-on", java.time.LocalDate.of(2026, 9, 7).plusDays(4L * i).toString(),
					"description", "Photo " + i, "phase", phases[i / 3]), Map.of("image", List.of("f" + i))));
		}
		SectionAnswers essay = new SectionAnswers(Map.of(), Map.of("photos", photos), Map.of());
		SectionAnswers missingEvent = new SectionAnswers(Map.of(), Map.of("photos", photos.subList(0, 9)), Map.of());
		List<Item> undescribed = new java.util.ArrayList<>(photos);
		undescribed.set(3, new Item(Map.of("taken-on", "2026-09-19", "phase", "community-mapping"),
				Map.of("image", List.of("f3"))));

		assertThat(check("photo-essay", "photo-span", essay).orElseThrow().outcome()).isEqualTo(Outcome.MET);
		assertThat(check("photo-essay", "every-phase", essay).orElseThrow().outcome()).isEqualTo(Outcome.MET);
		assertThat(check("photo-essay", "every-phase", missingEvent).orElseThrow().outcome())
			.isEqualTo(Outcome.NOT_MET);
		assertThat(check("photo-essay", "photos-complete", essay).orElseThrow().outcome()).isEqualTo(Outcome.MET);
		assertThat(check("photo-essay", "photos-complete",
				new SectionAnswers(Map.of(), Map.of("photos", undescribed), Map.of())).orElseThrow().outcome())
			.isEqualTo(Outcome.NOT_MET);
	}

	@Test
	void flagsValuesThatAreNotInTheirFieldsForm() {
		SectionAnswers badEmail = new SectionAnswers(Map.of(), Map.of("assets", List.of(item(Map.of("name", "X",
				"contact-email", "not an email")))), Map.of());

		assertThat(check("community-asset-map", "assets-formats", badEmail).orElseThrow().outcome())
			.isEqualTo(Outcome.NOT_MET);
	}

	private CheckResult rate(String sent, String returned) {
		SectionAnswers answers = new SectionAnswers(Map.of(), Map.of("administration",
				List.of(item(Map.of("families-sent-to", sent, "responses-returned", returned)))), Map.of());
		return check("needs-assessment", "return-rate", answers).orElseThrow();
	}

	private static SectionAnswers prompts(Map<String, String> prompts) {
		return new SectionAnswers(prompts, Map.of(), Map.of());
	}

	private static List<Item> items(int count, Map<String, String> values) {
		return java.util.stream.IntStream.range(0, count).mapToObj(i -> item(values)).toList();
	}

	private static Item item(Map<String, String> values) {
		return new Item(values, Map.of());
	}

	static String words(int count) {
		return String.join(" ", java.util.Collections.nCopies(count, "word"));
	}
}
