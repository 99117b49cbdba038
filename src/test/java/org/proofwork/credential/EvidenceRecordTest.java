package org.proofwork.credential;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.proofwork.testing.LaunchFlow.Launched;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registrar's evidence record: a PDF with the credential, the earner, the dates, every rubric component's level,
 * the assessors by role, the version history and the verification link with its QR code. Only the earner (from
 * their launch) and their share links get it.
 */
class EvidenceRecordTest extends CredentialTestSupport {

	@Test
	void theRecordHoldsTheRubricResultsTheEarnerTheHistoryAndTheVerificationLink() throws Exception {
		Earned earned = earn(Person.educator("Record Holder"), Place.community());

		MockHttpServletResponse response = expect(200, mvc.perform(earned.educator()
			.get("/credentials/" + earned.credential().id() + "/record.pdf")).andReturn().getResponse());

		assertThat(response.getContentType()).isEqualTo("application/pdf");
		try (PDDocument pdf = Loader.loadPDF(response.getContentAsByteArray())) {
			String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
			assertThat(text).contains("Evidence record")
				.contains("Record Holder")
				.contains("Community Partnerships for Learning and Family Well-Being")
				.contains("Part 1. Overview Questions (Provides Context) Pass Pass")
				.contains("Artifact 1: Needs Assessment (survey) Proficient Proficient")
				.contains("Artifact 4: Photo Essay Proficient")
				.contains("Part 3 Reflection Pass")
				.contains("reviewing blind: names are withheld")
				.contains("Earned")
				.contains(BASE + "/credentials/" + earned.credential().id())
				.contains("Family survey.pdf");
			assertThat(images(pdf)).as("the QR code").isEqualTo(1);
		}
	}

	@Test
	void anotherPersonsLaunchDoesNotGetTheRecord() throws Exception {
		Earned earned = earn(Person.educator("Private Record"), Place.community());
		Launched stranger = launch("Learner", Person.educator("Stranger"), Place.community());

		expect(404, mvc.perform(stranger.get("/credentials/" + earned.credential().id() + "/record.pdf"))
			.andReturn()
			.getResponse());
		expect(404, mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/credentials/" + earned.credential().id() + "/record.pdf")).andReturn().getResponse());
	}

	private static int images(PDDocument pdf) throws java.io.IOException {
		int images = 0;
		for (var page : pdf.getPages()) {
			for (var name : page.getResources().getXObjectNames()) {
				if (page.getResources().getXObject(name) instanceof PDImageXObject) {
					images++;
				}
			}
		}
		return images;
	}
}
