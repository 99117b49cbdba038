package org.proofwork.submission;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.submission.Answers.Item;
import org.proofwork.submission.Answers.SectionAnswers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class DeidentificationTest {

	@Autowired
	CredentialCatalog catalog;

	@Test
	void findsEmailsPhoneNumbersAndRosterNamesInEveryFreeTextWithTheirPassage() {
		Answers answers = Answers.EMPTY
			.with("part-1", new SectionAnswers(Map.of("why-this-micro-credential",
					"I am Jane Example, reach me at jane@school.org or (412) 555-0199 any time.",
					"classroom-demographics", "Maria Garcia and Sam joined the class in May."), Map.of(), Map.of()))
			.with("community-asset-map", new SectionAnswers(Map.of(), Map.of("assets", List.of(new Item(Map.of(
					"name", "Library", "description", "Sam Okafor runs the reading club",
					"contact-email", "library@city.gov", "contact-phone", "412-555-0100"), Map.of()))), Map.of()));

		List<IdentifyingPassage> found = Deidentification.scan(
				catalog.find("community-partnerships-for-learning-and-family-well-being").orElseThrow(), answers,
				List.of("Maria Garcia", "Sam Okafor", "Jane Example"));

		assertThat(found).extracting(IdentifyingPassage::kind, IdentifyingPassage::match)
			.contains(org.assertj.core.groups.Tuple.tuple(IdentifyingPassage.Kind.EMAIL, "jane@school.org"),
					org.assertj.core.groups.Tuple.tuple(IdentifyingPassage.Kind.PHONE, "(412) 555-0199"),
					org.assertj.core.groups.Tuple.tuple(IdentifyingPassage.Kind.NAME, "Jane Example"),
					org.assertj.core.groups.Tuple.tuple(IdentifyingPassage.Kind.NAME, "Maria Garcia"),
					org.assertj.core.groups.Tuple.tuple(IdentifyingPassage.Kind.NAME, "Sam"),
					org.assertj.core.groups.Tuple.tuple(IdentifyingPassage.Kind.NAME, "Sam Okafor"));
		assertThat(found).extracting(IdentifyingPassage::match)
			.as("a partner's typed contact fields are meant to hold contacts")
			.doesNotContain("library@city.gov", "412-555-0100");
		IdentifyingPassage email = found.stream().filter(p -> p.kind() == IdentifyingPassage.Kind.EMAIL).findFirst()
			.orElseThrow();
		assertThat(email.before()).endsWith("reach me at ");
		assertThat(email.after()).startsWith(" or (412)");
	}

	@Test
	void ordinaryNumbersAndShortNameFragmentsAreNotFlagged() {
		Answers answers = Answers.EMPTY.with("part-1", new SectionAnswers(Map.of("classroom-demographics",
				"We have 25 students; 62% receive free or reduced lunch. On 2026-09-07 Al taught art."), Map.of(), Map.of()));

		List<IdentifyingPassage> found = Deidentification.scan(
				catalog.find("community-partnerships-for-learning-and-family-well-being").orElseThrow(), answers,
				List.of("Al Smith"));

		assertThat(found).isEmpty();
	}
}
