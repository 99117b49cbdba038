package org.proofwork.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofwork.evidence.EvidenceStore.ListedBlob;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The S3 store against S3Mock: whole objects, multipart objects, and hashes checked before anything is visible. */
class S3EvidenceStoreTest {

	private static final int PART_SIZE = 5 << 20;

	@TempDir
	Path stagingFolder;

	S3Client s3;

	S3EvidenceStore store;

	StagingArea staging;

	@BeforeEach
	void connect() {
		S3Mock mock = S3Mock.start();
		s3 = mock.client();
		staging = new StagingArea(stagingFolder);
		store = new S3EvidenceStore(s3, S3Mock.BUCKET, "test/", PART_SIZE, staging);
	}

	@AfterEach
	void close() {
		store.close();
	}

	@Test
	void storesASmallObjectInOneRequestAndReadsItBack() throws IOException {
		byte[] bytes = random(100_000);

		StoredBlob blob = store.put(new ByteArrayInputStream(bytes));

		assertThat(blob.size()).isEqualTo(bytes.length);
		assertThat(store.exists(blob.sha256())).isTrue();
		assertThat(read(store.open(blob.sha256()))).isEqualTo(bytes);
		assertThat(read(store.open(blob.sha256(), 10, 20))).isEqualTo(Arrays.copyOfRange(bytes, 10, 30));
		assertThat(s3.headObject(request -> request.bucket(S3Mock.BUCKET).key("test/" + blob.sha256()))
			.contentLength()).isEqualTo(bytes.length);
		assertThat(Samples.filesUnder(stagingFolder)).isEmpty();
	}

	@Test
	void storesALargeObjectInPartsAndReadsItBack() throws IOException {
		byte[] bytes = random(2 * PART_SIZE + 12345);

		StoredBlob blob = store.put(new ByteArrayInputStream(bytes));

		assertThat(read(store.open(blob.sha256()))).isEqualTo(bytes);
		assertThat(read(store.open(blob.sha256(), PART_SIZE - 5, 10)))
			.isEqualTo(Arrays.copyOfRange(bytes, PART_SIZE - 5, PART_SIZE + 5));
		assertThat(Samples.filesUnder(stagingFolder)).isEmpty();
		assertNoUnfinishedUploads();
	}

	@Test
	void storesNothingWhenTheStagedFileDoesNotMatchItsHash() throws IOException {
		String wrong = "ab".repeat(32);
		for (int size : new int[] { 1000, 2 * PART_SIZE + 1 }) {
			Path staged = staging.newFile();
			Files.write(staged, random(size));

			assertThatExceptionOfType(IOException.class).isThrownBy(() -> store.put(staged, wrong))
				.withMessageContaining("not its name");

			assertThat(store.exists(wrong)).isFalse();
			assertThat(staged).doesNotExist();
		}
		assertNoUnfinishedUploads();
	}

	@Test
	void preparesByUploadingBeforeTheTransactionAndPutsAgainWhatADeleteRemovedMeanwhile() throws IOException {
		byte[] bytes = random(2 * PART_SIZE + 7);
		Path staged = staging.newFile();
		String sha256 = staging.write(new ByteArrayInputStream(bytes), staged, Long.MAX_VALUE).sha256();

		store.prepare(staged, sha256);

		assertThat(read(store.open(sha256))).as("uploaded by prepare").isEqualTo(bytes);
		assertThat(staged).as("left for put").exists();

		// A delete of equal bytes between prepare and the transaction: put must store them again.
		store.delete(sha256);
		store.put(staged, sha256);

		assertThat(read(store.open(sha256))).isEqualTo(bytes);
		assertThat(staged).doesNotExist();
		assertNoUnfinishedUploads();
	}

	@Test
	void listsItsBlobsPageByPageWithSizeAndTimeAndNothingElse() throws IOException {
		S3EvidenceStore own = new S3EvidenceStore(s3, S3Mock.BUCKET, "list-" + UUID.randomUUID() + "/", PART_SIZE,
				staging);
		Instant before = Instant.now().minusSeconds(60);
		List<StoredBlob> blobs = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			blobs.add(own.put(new ByteArrayInputStream(random(100 + i))));
		}
		// Not blobs: another name under the prefix, and a blob's name without it.
		s3.putObject(request -> request.bucket(S3Mock.BUCKET).key(own.key(blobs.get(0).sha256()) + ".txt"),
				RequestBody.fromString("note"));
		s3.putObject(request -> request.bucket(S3Mock.BUCKET).key(blobs.get(1).sha256()),
				RequestBody.fromString("elsewhere"));

		List<ListedBlob> listed;
		try (Stream<ListedBlob> stream = own.list(2)) {
			listed = stream.toList();
		}

		assertThat(listed).extracting(ListedBlob::sha256)
			.containsExactlyInAnyOrderElementsOf(blobs.stream().map(StoredBlob::sha256).toList());
		assertThat(listed).allSatisfy(blob -> {
			assertThat(blob.size()).isEqualTo(blobs.stream()
				.filter(stored -> stored.sha256().equals(blob.sha256()))
				.findFirst()
				.orElseThrow()
				.size());
			assertThat(blob.lastModified()).isAfter(before).isBefore(Instant.now().plusSeconds(60));
		});
		// (HEAD's Last-Modified has whole seconds, the listing's may not.)
		assertThat(own.lastModified(blobs.get(0).sha256())).get()
			.satisfies(time -> assertThat(time).isAfter(before).isBefore(Instant.now().plusSeconds(60)));
		own.delete(blobs.get(0).sha256());
		assertThat(own.lastModified(blobs.get(0).sha256())).isEmpty();
	}

	@Test
	void deletesAndThenReportsTheObjectMissing() throws IOException {
		StoredBlob blob = store.put(new ByteArrayInputStream(random(10)));

		store.delete(blob.sha256());

		assertThat(store.exists(blob.sha256())).isFalse();
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> store.open(blob.sha256()));
	}

	private void assertNoUnfinishedUploads() {
		assertThat(s3.listMultipartUploads(request -> request.bucket(S3Mock.BUCKET)).uploads()).isEmpty();
	}

	private static byte[] read(InputStream stream) throws IOException {
		try (InputStream in = stream) {
			return in.readAllBytes();
		}
	}

	private static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}
}
