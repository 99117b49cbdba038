package org.proofwork.evidence;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.proofwork.evidence.EvidenceRejectedException.Reason;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** A file is what its bytes are, whatever its name says, and some types are never taken. */
class UploadTypesTest extends EvidenceTestBase {

	@Test
	void acceptsAJpegNamedPdfAsAJpegWhereJpegsAreAllowed() {
		byte[] jpeg = Samples.jpeg(Samples.halves(40, 20));

		EvidenceFile file = upload(newOwner(), PHOTO_OR_PDF, "report.pdf", jpeg);

		assertThat(file.mediaType()).isEqualTo("image/jpeg");
		assertThat(file.kind()).isEqualTo(EvidenceKind.PHOTO);
		assertThat(file.displayName()).isEqualTo("report.pdf");
	}

	@Test
	void refusesAJpegNamedPdfWhereOnlyPdfsAreAllowed() {
		byte[] jpeg = Samples.jpeg(Samples.halves(40, 20));

		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), PDF_ONLY, "report.pdf", jpeg));

		assertThat(rejection.reason()).isEqualTo(Reason.TYPE_NOT_ACCEPTED);
		assertThat(rejection.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(message(rejection)).isEqualTo("report.pdf: this file is a JPEG photo; this slot accepts a PDF document.");
	}

	@Test
	void namesTheFileAndWhatTheSlotAcceptsWhenRefusingAHeicPhoto() {
		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), PHOTO_OR_PDF, "photo-07.heic", Samples.heic()));

		assertThat(message(rejection)).isEqualTo(
				"photo-07.heic: this file is a HEIC image; this slot accepts a JPEG photo, a PNG image or a PDF document.");
		assertThat(messages.getMessage(rejection.adviceCode(), rejection.arguments(), Locale.ENGLISH))
			.contains("export it in one of those formats");
	}

	@Test
	void neverTakesAHeicEvenWhereASlotListsIt() {
		// HEIC cannot be re-encoded here, so its GPS position would be kept.
		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), ANYTHING, "photo.heic", Samples.heic()));

		assertThat(rejection.reason()).isEqualTo(Reason.TYPE_NOT_ACCEPTED);
		assertThat(message(rejection)).endsWith("this slot accepts a JPEG photo or a plain text file.");
	}

	@Test
	void refusesAWebPageNamedJpg() {
		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), ANYTHING, "holiday.jpg", Samples.html()));

		assertThat(rejection.reason()).isEqualTo(Reason.TYPE_FORBIDDEN);
		assertThat(message(rejection))
			.isEqualTo("holiday.jpg: this file is a web page (HTML), which Proofwork never accepts.");
	}

	@Test
	void refusesSvg() {
		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), ANYTHING, "logo.png", Samples.svg()));

		assertThat(rejection.reason()).isEqualTo(Reason.TYPE_FORBIDDEN);
		assertThat(message(rejection)).startsWith("logo.png: this file is an SVG image");
	}

	@Test
	void refusesLinuxAndWindowsProgramsAndScripts() {
		EvidenceOwner owner = newOwner();
		assertThat(refusedLeavingNothing(() -> upload(owner, ANYTHING, "notes.pdf", Samples.elf())).reason())
			.isEqualTo(Reason.TYPE_FORBIDDEN);
		assertThat(refusedLeavingNothing(() -> upload(owner, ANYTHING, "photo.jpg", Samples.windowsExecutable()))
			.reason()).isEqualTo(Reason.TYPE_FORBIDDEN);
		EvidenceRejectedException script = refusedLeavingNothing(
				() -> upload(owner, ANYTHING, "readme.txt", Samples.shellScript()));
		assertThat(message(script)).isEqualTo("readme.txt: this file is a script, which Proofwork never accepts.");
	}

	@Test
	void refusesPlainArchives() {
		byte[] archive = Samples.zip("notes.txt", new byte[] { 'h', 'i' });

		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), DOCUMENT, "survey.docx", archive));

		assertThat(message(rejection)).isEqualTo("survey.docx: this file is a ZIP archive, which Proofwork never accepts.");
	}

	@Test
	void acceptsAWordDocumentByItsEntries() {
		EvidenceFile file = upload(newOwner(), DOCUMENT, "survey", Samples.docx());

		assertThat(file.mediaType()).isEqualTo(FileTypes.DOCX);
		assertThat(file.kind()).isEqualTo(EvidenceKind.DOCUMENT);
		assertThat(file.hasThumbnail()).isFalse();
	}

	@Test
	void refusesAPresentationRenamedDocxWhereOnlyWordIsAllowed() {
		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), DOCUMENT, "survey.docx", Samples.pptx()));

		assertThat(message(rejection)).isEqualTo("survey.docx: this file is a PowerPoint presentation (.pptx); "
				+ "this slot accepts a PDF document or a Word document (.docx).");
	}

	@Test
	void refusesAZipBombDisguisedAsAWordDocument() {
		// 64 MB of zeros in about 64 KB; the limit in these tests is 4 MB.
		byte[] bomb = Samples.zipBomb(64L << 20);
		assertThat(bomb.length).isLessThan(1 << 20);

		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), DOCUMENT, "survey.docx", bomb));

		assertThat(rejection.reason()).isEqualTo(Reason.UNPACKS_TOO_LARGE);
		assertThat(rejection.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(message(rejection))
			.isEqualTo("survey.docx: this document unpacks to more than 4 MB, far more than a real document does.");
	}

	@Test
	void refusesADocumentOfTooManyParts() {
		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), DOCUMENT, "survey.docx", Samples.zipOfEntries(300)));

		assertThat(rejection.reason()).isEqualTo(Reason.TOO_MANY_PARTS);
	}

	@Test
	void refusesADocumentWithMacros() {
		byte[] withMacros = Samples.docx("word/vbaProject.bin", new byte[] { 1, 2, 3 });

		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), DOCUMENT, "survey.docx", withMacros));

		assertThat(rejection.reason()).isEqualTo(Reason.MACROS);
	}

	@Test
	void tellsMp4FromQuickTimeByTheirBrands() {
		EvidenceOwner owner = newOwner();

		assertThat(upload(owner, ESSAY, "essay.mov", Samples.mp4(4096)).mediaType()).isEqualTo("video/mp4");
		assertThat(upload(owner, ESSAY, "essay.mp4", Samples.quicktime(4096)).mediaType()).isEqualTo("video/quicktime");
	}

	@Test
	void acceptsAPdf() {
		EvidenceFile file = upload(newOwner(), PDF_ONLY, "report.pdf", Samples.pdf());

		assertThat(file.mediaType()).isEqualTo("application/pdf");
		assertThat(file.kind()).isEqualTo(EvidenceKind.DOCUMENT);
		assertThat(stored(file.sha256())).isEqualTo(Samples.pdf());
	}

	@Test
	void refusesAnEmptyFile() {
		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), PDF_ONLY, "report.pdf", new byte[0]));

		assertThat(message(rejection)).isEqualTo("report.pdf: this file is empty.");
	}

	@Test
	void keepsTheNameOnlyAsSafeDisplayText() {
		EvidenceFile file = upload(newOwner(), PDF_ONLY, "C:\\Users\\jane\\Desktop\\rep\u202Eort.pdf", Samples.pdf());

		assertThat(file.displayName()).isEqualTo("report.pdf");
		assertThat(file.id()).matches("[A-Za-z0-9_-]{22}");
		assertThat(Samples.filesUnder(evidenceFolder())).noneMatch(path -> path.contains("report"));
	}
}
