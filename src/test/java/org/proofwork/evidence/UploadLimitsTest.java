package org.proofwork.evidence;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.proofwork.evidence.EvidenceRejectedException.Reason;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Size limits per kind of file and per submission (in these tests: 1 MB for photos and documents, 3 MB for videos,
 * 5 MB per submission).
 */
class UploadLimitsTest extends EvidenceTestBase {

	private static final int MB = 1 << 20;

	@Test
	void refusesAPhotoLargerThanThePhotoLimitWithoutReadingItAll() {
		byte[] photo = jpegLooking(MB + 1);
		CountingStream content = new CountingStream(photo);

		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> files.upload(newOwner(), PHOTO_OR_PDF, "big.jpg", content, -1));

		assertThat(rejection.reason()).isEqualTo(Reason.TOO_LARGE);
		assertThat(rejection.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(message(rejection))
			.isEqualTo("big.jpg: this file is larger than 1 MB, the most Proofwork takes for a photo.");
		assertThat(content.read).isLessThanOrEqualTo(MB + 64 * 1024);
	}

	@Test
	void takesAVideoLargerThanThePhotoLimitUpToTheVideoLimit() {
		EvidenceFile video = upload(newOwner(), ESSAY, "essay.mp4", Samples.mp4(3 * MB));

		assertThat(video.kind()).isEqualTo(EvidenceKind.VIDEO);
		assertThat(video.size()).isEqualTo(3 * MB);
	}

	@Test
	void refusesAVideoOverTheVideoLimit() {
		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), ESSAY, "essay.mp4", Samples.mp4(3 * MB + 1)));

		assertThat(message(rejection))
			.isEqualTo("essay.mp4: this file is larger than 3 MB, the most Proofwork takes for a video.");
	}

	@Test
	void refusesADocumentOverTheDocumentLimitEvenInASlotThatTakesVideos() {
		byte[] pdf = Arrays.copyOf(Samples.pdf(), MB + 1);

		EvidenceRejectedException rejection = refusedLeavingNothing(() -> upload(newOwner(), ESSAY, "essay.pdf", pdf));

		assertThat(message(rejection))
			.isEqualTo("essay.pdf: this file is larger than 1 MB, the most Proofwork takes for a document.");
	}

	@Test
	void refusesADeclaredLengthOverTheLimitBeforeReadingAnything() {
		CountingStream content = new CountingStream(Samples.pdf());

		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> files.upload(newOwner(), PDF_ONLY, "report.pdf", content, 2L * MB));

		assertThat(rejection.reason()).isEqualTo(Reason.TOO_LARGE);
		assertThat(content.read).isZero();
	}

	@Test
	void refusesAFileThatWouldTakeTheSubmissionPastItsTotal() {
		EvidenceOwner owner = newOwner();
		upload(owner, ESSAY, "part-1.mp4", Samples.mp4(3 * MB));
		upload(owner, ESSAY, "part-2.mp4", Samples.mp4(2 * MB - 10));
		assertThat(files.bytesUsed(owner)).isEqualTo(5L * MB - 10);

		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(owner, PDF_ONLY, "report.pdf", Arrays.copyOf(Samples.pdf(), 11)));

		assertThat(rejection.reason()).isEqualTo(Reason.SUBMISSION_FULL);
		assertThat(message(rejection)).isEqualTo(
				"report.pdf: this file would take your submission past its limit of 5 MB (5 MB already used).");
		assertThat(files.list(owner)).hasSize(2);
		assertThat(upload(owner, PDF_ONLY, "small.pdf", Arrays.copyOf(Samples.pdf(), 10)).size()).isEqualTo(10);
		assertThat(files.bytesUsed(owner)).isEqualTo(5L * MB);
	}

	@Test
	void freesTheSubmissionsRoomWhenAFileIsDeleted() {
		EvidenceOwner owner = newOwner();
		EvidenceFile first = upload(owner, ESSAY, "part-1.mp4", Samples.mp4(3 * MB));
		upload(owner, ESSAY, "part-2.mp4", Samples.mp4(2 * MB));
		rejected(() -> upload(owner, PDF_ONLY, "report.pdf", Samples.pdf()));

		files.delete(owner, first.id());

		assertThat(files.bytesUsed(owner)).isEqualTo(2L * MB);
		assertThat(upload(owner, PDF_ONLY, "report.pdf", Samples.pdf()).mediaType()).isEqualTo("application/pdf");
	}

	@Test
	void countsOnlyTheOwnersFilesAgainstItsTotal() {
		EvidenceOwner full = newOwner();
		upload(full, ESSAY, "part-1.mp4", Samples.mp4(3 * MB));
		upload(full, ESSAY, "part-2.mp4", Samples.mp4(2 * MB));

		assertThat(upload(newOwner(), ESSAY, "part-1.mp4", Samples.mp4(3 * MB)).size()).isEqualTo(3 * MB);
	}

	/** Bytes that start like a JPEG: the size is refused before anything tries to decode them. */
	private static byte[] jpegLooking(int size) {
		byte[] jpeg = Samples.jpeg(Samples.halves(10, 10));
		return Arrays.copyOf(jpeg, size);
	}

	private static final class CountingStream extends InputStream {

		private final ByteArrayInputStream in;

		long read;

		CountingStream(byte[] bytes) {
			this.in = new ByteArrayInputStream(bytes);
		}

		@Override
		public int read() {
			int b = in.read();
			if (b != -1) {
				read++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			int count = in.read(buffer, offset, length);
			if (count > 0) {
				read += count;
			}
			return count;
		}
	}
}
