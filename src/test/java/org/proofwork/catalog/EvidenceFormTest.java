package org.proofwork.catalog;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.proofwork.catalog.SeedFidelityTest.COMMUNITY;
import static org.proofwork.catalog.SeedFidelityTest.PLANNING;

/**
 * The evidence forms ask for what the seeds' artifacts list, with the seeds' counts.
 */
class EvidenceFormTest {

	private final CredentialCatalog catalog = new CredentialCatalog(new CatalogSettings(null),
			new DefaultResourceLoader());

	@Test
	void needsAssessmentHasTenToTwentyTaggedQuestionsOrAnUploadedSurvey() {
		EvidenceForm form = form(COMMUNITY, "needs-assessment");

		assertThat(form.group("questions").orElseThrow().count()).isEqualTo(new CountRange(10, 20));
		assertThat(form.field(new FieldPath("questions", "need")).orElseThrow().choices()).extracting(Choice::id)
			.containsExactly("academic", "health-and-safety", "social-emotional", "parenting");
		assertThat(form.field(new FieldPath("administration", "created-with-community-partner")).orElseThrow().type())
			.isEqualTo(FieldType.YES_NO);
		assertThat(form.alternatives()).extracting(Alternative::members)
			.containsExactly(List.of("questions", "survey-document"));
		assertThat(form.isAlternative("questions")).isTrue();
		assertThat(form.isAlternative("administration")).isFalse();
	}

	@Test
	void assetMapHasFiveToEightAssetsWithContacts() {
		FieldGroup assets = form(COMMUNITY, "community-asset-map").group("assets").orElseThrow();

		assertThat(assets.count()).isEqualTo(new CountRange(5, 8));
		assertThat(assets.fields()).extracting(Field::type)
			.contains(FieldType.EMAIL, FieldType.PHONE, FieldType.URL, FieldType.LONG_TEXT);
	}

	@Test
	void actionPlanHasThreeToFiveStakeholdersAndTasksOwnedByThem() {
		EvidenceForm form = form(COMMUNITY, "action-plan");

		assertThat(form.group("stakeholders").orElseThrow().count()).isEqualTo(new CountRange(3, 5));
		assertThat(form.field(new FieldPath("tasks", "responsible")).orElseThrow().references())
			.contains(new ItemReference("action-plan", "stakeholders"));
		assertThat(form.group("tasks").orElseThrow().count().isBounded()).isFalse();
		assertThat(form.group("project").orElseThrow().repeats()).isFalse();
	}

	@Test
	void photoEssayHasTenToTwentyPhotosOrOneDeck() {
		EvidenceForm form = form(COMMUNITY, "photo-essay");
		FieldGroup photos = form.group("photos").orElseThrow();

		assertThat(photos.count()).isEqualTo(new CountRange(10, 20));
		assertThat(photos.files()).extracting(FileSlot::count).containsExactly(new CountRange(1, 1));
		assertThat(form.file("essay").orElseThrow().accepts("video/mp4")).isTrue();
	}

	@Test
	void planningWithPurposeAsksForTeamMembersAndTwoUploads() {
		CredentialDefinition planning = catalog.find(PLANNING).orElseThrow();

		assertThat(planning.part("part-1").orElseThrow().form().orElseThrow().group("members").orElseThrow().fields())
			.extracting(Field::id)
			.containsExactly("name", "role");
		assertThat(form(PLANNING, "gear-assessment").file("self-assessment")).isPresent();
		assertThat(form(PLANNING, "plan").file("plan-document")).isPresent();
	}

	private EvidenceForm form(String credential, String artifact) {
		return catalog.find(credential).orElseThrow().artifact(artifact).orElseThrow().form();
	}
}
