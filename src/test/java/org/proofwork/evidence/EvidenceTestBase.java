package org.proofwork.evidence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.proofwork.catalog.CountRange;
import org.proofwork.catalog.FileSlot;
import org.proofwork.system.ProofworkProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The application with small limits (so tests stay small) and its own data folder. Every test class extending it
 * shares one application context.
 */
@SpringBootTest(properties = { "proofwork.data-dir=target/evidence-test/${random.uuid}",
		"proofwork.evidence.max-photo-size=1MB", "proofwork.evidence.max-document-size=1MB",
		"proofwork.evidence.max-video-size=3MB", "proofwork.evidence.max-submission-size=5MB",
		"proofwork.evidence.max-unpacked-document-size=4MB", "proofwork.evidence.max-document-parts=200",
		"proofwork.evidence.max-photo-megapixels=4" })
abstract class EvidenceTestBase {

	static final FileSlot PHOTO_OR_PDF = slot("image", "image/jpeg", "image/png", "application/pdf");

	static final FileSlot PDF_ONLY = slot("report", "application/pdf");

	static final FileSlot DOCUMENT = slot("survey", "application/pdf",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document");

	static final FileSlot ESSAY = slot("essay", "application/pdf",
			"application/vnd.openxmlformats-officedocument.presentationml.presentation",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "video/mp4",
			"video/quicktime");

	/** A careless credential author's slot: the deny-list still applies. */
	static final FileSlot ANYTHING = slot("anything", "text/html", "image/svg+xml", "application/xml",
			"application/zip", "application/x-executable", "application/x-msdownload", "application/x-sh",
			"image/heic", "image/jpeg", "text/plain");

	@Autowired
	EvidenceFiles files;

	@Autowired
	EvidenceStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource messages;

	@Autowired
	ProofworkProperties proofwork;

	static FileSlot slot(String id, String... accept) {
		return new FileSlot(id, id, List.of(accept), new CountRange(0, 20));
	}

	/** A workspace of its own, so tests do not share a submission's total. */
	static EvidenceOwner newOwner() {
		return new EvidenceOwner(7, "deployment-1", "course-1", UUID.randomUUID().toString());
	}

	EvidenceFile upload(EvidenceOwner owner, FileSlot slot, String name, byte[] bytes) {
		return files.upload(owner, slot, name, new ByteArrayInputStream(bytes), bytes.length);
	}

	EvidenceRejectedException rejected(ThrowingCallable upload) {
		EvidenceRejectedException rejection = catchThrowableOfType(EvidenceRejectedException.class, upload);
		assertThat(rejection).as("upload refused").isNotNull();
		return rejection;
	}

	/** The refusal as the page shows it. */
	String message(EvidenceRejectedException rejection) {
		return messages.getMessage(rejection.titleCode(), rejection.arguments(), Locale.ENGLISH);
	}

	byte[] stored(String sha256) {
		try (InputStream in = store.open(sha256)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] body(ResponseEntity<StreamingResponseBody> response) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			response.getBody().writeTo(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	Path evidenceFolder() {
		return proofwork.dataDir().resolve("evidence");
	}

	List<String> stagingFiles() {
		return Samples.filesUnder(evidenceFolder().resolve("staging"));
	}

	/** What is stored anywhere: files in the evidence folder and the evidence tables' rows. */
	Snapshot snapshot() {
		return new Snapshot(Samples.filesUnder(evidenceFolder()),
				jdbc.sql("SELECT COUNT(*) FROM evidence_file").query(Long.class).single(),
				jdbc.sql("SELECT COUNT(*) FROM evidence_blob").query(Long.class).single());
	}

	record Snapshot(List<String> files, long fileRows, long blobRows) {
	}

	/** Runs an upload that must be refused and checks that nothing of it stayed: no row, no blob, no staging file. */
	EvidenceRejectedException refusedLeavingNothing(ThrowingCallable upload) {
		Snapshot before = snapshot();
		EvidenceRejectedException rejection = rejected(upload);
		assertThat(snapshot()).isEqualTo(before);
		assertThat(stagingFiles()).isEmpty();
		return rejection;
	}
}
