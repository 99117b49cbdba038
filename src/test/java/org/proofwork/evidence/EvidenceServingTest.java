package org.proofwork.evidence;

import java.time.LocalDateTime;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What a browser gets for a file: its bytes, under headers that keep it from running as part of the tool. */
class EvidenceServingTest extends EvidenceTestBase {

	@Test
	void servesADocumentAsADownloadWithNosniffAndAPrivateCache() {
		EvidenceOwner owner = newOwner();
		EvidenceFile file = upload(owner, DOCUMENT, "Needs assessment.docx", Samples.docx());

		ResponseEntity<StreamingResponseBody> response = files.serve(owner, file.id(), false, true);

		HttpHeaders headers = response.getHeaders();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(headers.getFirst(HttpHeaders.CONTENT_DISPOSITION)).as("inline is not honoured for Word")
			.isEqualTo("attachment; filename=\"Needs assessment.docx\"; filename*=UTF-8''Needs%20assessment.docx");
		assertThat(headers.getContentType()).hasToString(FileTypes.DOCX);
		assertThat(headers.getCacheControl()).isEqualTo("max-age=3600, private");
		assertThat(headers.getContentLength()).isEqualTo(file.size());
		assertThat(body(response)).isEqualTo(Samples.docx());
	}

	@Test
	void servesAPdfInlineOnlyWhenAskedAndSandboxed() {
		EvidenceOwner owner = newOwner();
		EvidenceFile file = upload(owner, PDF_ONLY, "report.pdf", Samples.pdf());

		HttpHeaders inline = files.serve(owner, file.id(), false, true).getHeaders();
		HttpHeaders download = files.serve(owner, file.id(), false, false).getHeaders();

		assertThat(inline.getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("inline; filename=\"report.pdf\"");
		assertThat(inline.getFirst("Content-Security-Policy")).isEqualTo("sandbox");
		assertThat(inline.getContentType()).hasToString("application/pdf");
		assertThat(download.getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment; ");
	}

	@Test
	void namesTheDownloadByWhatItIsAndNeverLetsTheNameBreakTheHeader() {
		EvidenceOwner owner = newOwner();
		EvidenceFile file = upload(owner, PHOTO_OR_PDF, "évaluation \"final\"\r\nX-Evil: 1.pdf",
				Samples.jpeg(Samples.halves(20, 10)));

		String disposition = files.serve(owner, file.id(), false, false).getHeaders()
			.getFirst(HttpHeaders.CONTENT_DISPOSITION);

		assertThat(disposition).isEqualTo("attachment; filename=\"_valuation _final_X-Evil_ 1.jpg\"; "
				+ "filename*=UTF-8''%C3%A9valuation%20_final_X-Evil_%201.jpg");
	}

	@Test
	void servesAPhotosThumbnailAsJpegAndRefusesAThumbnailOfADocument() {
		EvidenceOwner owner = newOwner();
		EvidenceFile photo = upload(owner, PHOTO_OR_PDF, "photo-01.jpg", Samples.photoEssay().get(0).bytes());
		EvidenceFile pdf = upload(owner, PHOTO_OR_PDF, "report.pdf", Samples.pdf());

		HttpHeaders headers = files.serve(owner, photo.id(), true, true).getHeaders();

		assertThat(headers.getFirst(HttpHeaders.CONTENT_DISPOSITION))
			.startsWith("inline; filename=\"photo-01-thumbnail.jpg\"");
		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThatExceptionOfType(EvidenceNotFoundException.class)
			.isThrownBy(() -> files.serve(owner, pdf.id(), true, true));
	}

	@Test
	void answersASingleByteRangeSoVideosCanSeek() {
		EvidenceOwner owner = newOwner();
		byte[] video = Samples.mp4(100_000);
		EvidenceFile file = upload(owner, ESSAY, "essay.mp4", video);

		ResponseEntity<StreamingResponseBody> part = files.serve(owner, file.id(), false, true, "bytes=1000-1999");
		ResponseEntity<StreamingResponseBody> tail = files.serve(owner, file.id(), false, true, "bytes=-10");
		ResponseEntity<StreamingResponseBody> beyond = files.serve(owner, file.id(), false, true, "bytes=200000-");

		assertThat(part.getStatusCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT);
		assertThat(part.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes 1000-1999/100000");
		assertThat(part.getHeaders().getContentLength()).isEqualTo(1000);
		assertThat(body(part)).isEqualTo(Arrays.copyOfRange(video, 1000, 2000));
		assertThat(body(tail)).isEqualTo(Arrays.copyOfRange(video, 99_990, 100_000));
		assertThat(part.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("inline; ");
		assertThat(beyond.getStatusCode()).isEqualTo(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
		assertThat(beyond.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes */100000");
	}

	@Test
	void removesABlobOnlyWhenNoFileRefersToItAnyMore() {
		EvidenceOwner one = newOwner();
		EvidenceOwner two = newOwner();
		byte[] video = Samples.mp4(54_321);
		EvidenceFile first = upload(one, ESSAY, "essay.mp4", video);
		EvidenceFile second = upload(two, ESSAY, "copy.mp4", video);
		assertThat(second.sha256()).isEqualTo(first.sha256());

		files.delete(one, first.id());

		assertThat(files.find(one, first.id())).isEmpty();
		assertThat(stored(second.sha256())).isEqualTo(video);

		files.delete(two, second.id());

		assertThat(Samples.filesUnder(evidenceFolder())).noneMatch(path -> path.endsWith(first.sha256()));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence_blob WHERE sha256 = ?").param(first.sha256())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void deletesAPhotoWithItsThumbnail() {
		EvidenceOwner owner = newOwner();
		byte[] photo = Samples.jpegWithExif(64, 48, 1, LocalDateTime.of(2026, 9, 7, 8, 0));
		Snapshot before = snapshot();
		EvidenceFile file = upload(owner, PHOTO_OR_PDF, "photo.jpg", photo);
		assertThat(snapshot().files()).hasSize(before.files().size() + 2);

		files.delete(owner, file.id());

		assertThat(snapshot()).isEqualTo(before);
		assertThat(files.bytesUsed(owner)).isZero();
	}
}
