package org.proofwork.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Blobs appear whole under their hash or not at all, whatever happens mid-upload. */
class FileSystemEvidenceStoreTest {

	@TempDir
	Path root;

	@Test
	void storesBytesUnderTheirSha256AndReadsThemBack() throws IOException {
		FileSystemEvidenceStore store = store();
		byte[] bytes = "evidence".getBytes();

		StoredBlob blob = store.put(new ByteArrayInputStream(bytes));

		assertThat(blob.sha256()).isEqualTo(HexFormat.of().formatHex(StagingArea.sha256().digest(bytes)));
		assertThat(blob.size()).isEqualTo(bytes.length);
		assertThat(root.resolve(blob.sha256().substring(0, 2)).resolve(blob.sha256().substring(2, 4))
			.resolve(blob.sha256())).hasBinaryContent(bytes);
		try (InputStream in = store.open(blob.sha256())) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
		try (InputStream in = store.open(blob.sha256(), 2, 3)) {
			assertThat(in.readAllBytes()).isEqualTo("ide".getBytes());
		}
		assertThat(store.exists(blob.sha256())).isTrue();
		assertThat(Samples.filesUnder(root.resolve("staging"))).isEmpty();
	}

	@Test
	void storesEqualBytesOnce() throws IOException {
		FileSystemEvidenceStore store = store();

		StoredBlob first = store.put(new ByteArrayInputStream(new byte[] { 1, 2, 3 }));
		StoredBlob second = store.put(new ByteArrayInputStream(new byte[] { 1, 2, 3 }));

		assertThat(second).isEqualTo(first);
		assertThat(Samples.filesUnder(root)).hasSize(1);
	}

	@Test
	void leavesNothingWhenTheUploadFailsMidway() {
		FileSystemEvidenceStore store = store();
		InputStream failing = new InputStream() {

			private int served;

			@Override
			public int read() throws IOException {
				if (served++ > 100_000) {
					throw new IOException("connection reset");
				}
				return 7;
			}
		};

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> store.put(failing));

		assertThat(Samples.filesUnder(root)).isEmpty();
	}

	@Test
	void deletesAndThenReportsTheBlobMissing() throws IOException {
		FileSystemEvidenceStore store = store();
		StoredBlob blob = store.put(new ByteArrayInputStream(new byte[] { 9 }));

		store.delete(blob.sha256());
		store.delete(blob.sha256());

		assertThat(store.exists(blob.sha256())).isFalse();
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> store.open(blob.sha256()));
	}

	@Test
	void refusesNamesThatAreNotHashes() {
		FileSystemEvidenceStore store = store();

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> store.open("../../etc/passwd"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> store.exists("AB".repeat(32)));
	}

	@Test
	void cleansStagingLeftoversAtStart() throws IOException {
		Path staging = Files.createDirectories(root.resolve("staging"));
		Files.write(staging.resolve("upload-1.part"), new byte[] { 1, 2, 3 });

		new StagingArea(staging);

		assertThat(Samples.filesUnder(staging)).isEmpty();
	}

	/**
	 * A real kill -9: a separate JVM streams an endless upload into the store and is killed mid-way. Only its
	 * staging file remains, never a blob under a hash; the next start deletes it.
	 */
	@Test
	void aKilledUploadLeavesOnlyAStagingFileThatTheNextStartRemoves() throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		Process upload = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				EndlessUpload.class.getName(), root.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			Path staging = root.resolve("staging");
			Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
			while (stagedBytes(staging) < 5_000_000 && Instant.now().isBefore(deadline) && upload.isAlive()) {
				Thread.sleep(50);
			}
			assertThat(stagedBytes(staging)).as("the upload was under way").isGreaterThanOrEqualTo(5_000_000);

			upload.destroyForcibly();
			assertThat(upload.waitFor(30, TimeUnit.SECONDS)).isTrue();

			List<String> left = Samples.filesUnder(root);
			assertThat(left).hasSize(1).allMatch(path -> path.startsWith("staging"));

			new StagingArea(staging);

			assertThat(Samples.filesUnder(root)).isEmpty();
		}
		finally {
			upload.destroyForcibly();
		}
	}

	private static long stagedBytes(Path staging) throws IOException {
		if (!Files.isDirectory(staging)) {
			return 0;
		}
		try (var files = Files.list(staging)) {
			return files.mapToLong(file -> file.toFile().length()).sum();
		}
	}

	private FileSystemEvidenceStore store() {
		return new FileSystemEvidenceStore(root, new StagingArea(root.resolve("staging")));
	}

	/** The process {@link #aKilledUploadLeavesOnlyAStagingFileThatTheNextStartRemoves} kills. */
	static final class EndlessUpload {

		public static void main(String[] args) throws IOException {
			Path root = Path.of(args[0]);
			new FileSystemEvidenceStore(root, new StagingArea(root.resolve("staging")))
				.put(Samples.generatedVideo(Long.MAX_VALUE));
		}
	}
}
