package org.proofwork.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.GpsDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads through {@link EvidenceFiles} onto the S3 store (S3Mock): every file goes to the bucket, nothing stays on
 * the node's disk. (The application's own context, with an S3 store beside its filesystem one, so this test shares
 * the context of the other evidence tests; {@link EvidenceStoreConfigurationTest} checks the setting that selects
 * the store.)
 */
class S3EvidenceFilesTest extends EvidenceTestBase {

	@Autowired
	EvidenceSettings settings;

	@Autowired
	EvidenceRecords records;

	@Autowired
	StagingArea staging;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Clock clock;

	S3Client s3;

	S3EvidenceStore bucket;

	EvidenceFiles onS3;

	@BeforeEach
	void useTheBucket() {
		s3 = S3Mock.start().client();
		bucket = new S3EvidenceStore(S3Mock.start().client(), S3Mock.BUCKET, "files/", 5 << 20, staging);
		onS3 = new EvidenceFiles(settings, bucket, staging, records, transactions, clock);
	}

	@AfterEach
	void close() {
		bucket.close();
		s3.close();
	}

	@Test
	void keepsPhotosAndVideosInTheBucketAndDeletesThemThere() throws Exception {
		EvidenceOwner owner = newOwner();
		// Bytes no other test stores: the database is shared with the filesystem store of the other tests.
		Samples.Photo original = new Samples.Photo("photo-07.jpg", Samples.uniquePhoto(1600, 1200),
				LocalDateTime.of(2026, 9, 7, 12, 0));
		byte[] video = Samples.mp4(3 << 20);
		new Random().nextBytes(video);
		System.arraycopy(Samples.mp4(64), 0, video, 0, 64);
		List<String> before = Samples.filesUnder(evidenceFolder());

		EvidenceFile photo = onS3.upload(owner, PHOTO_OR_PDF, "photo-07.jpg",
				new ByteArrayInputStream(original.bytes()), original.bytes().length);
		EvidenceFile clip = onS3.upload(owner, ESSAY, "essay.mp4", new ByteArrayInputStream(video), -1);

		assertThat(object(photo.sha256())).isTrue();
		assertThat(object(clip.sha256())).isTrue();
		try (InputStream in = s3.getObject(request -> request.bucket(S3Mock.BUCKET).key("files/" + photo.sha256()))) {
			assertThat(ImageMetadataReader.readMetadata(in).getFirstDirectoryOfType(GpsDirectory.class)).isNull();
		}
		assertThat(photo.takenAt()).contains(original.takenAt());
		assertThat(body(onS3.serve(owner, clip.id(), false, true))).isEqualTo(video);
		assertThat(Samples.filesUnder(evidenceFolder())).as("nothing on local disk").isEqualTo(before);

		onS3.delete(owner, clip.id());

		assertThat(object(clip.sha256())).isFalse();
		assertThat(object(photo.sha256())).isTrue();
	}

	@Test
	void uploadsToTheBucketOutsideTheDatabaseTransaction() {
		List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
		EvidenceStore recording = new EvidenceStore() {

			@Override
			public StoredBlob put(InputStream content) throws IOException {
				return bucket.put(content);
			}

			@Override
			public void prepare(java.nio.file.Path stagedFile, String sha256) throws IOException {
				calls.add("prepare in transaction: " + inTransaction());
				bucket.prepare(stagedFile, sha256);
			}

			@Override
			public StoredBlob put(java.nio.file.Path stagedFile, String sha256) throws IOException {
				calls.add("put in transaction: " + inTransaction());
				return bucket.put(stagedFile, sha256);
			}

			@Override
			public InputStream open(String sha256) throws IOException {
				return bucket.open(sha256);
			}

			@Override
			public boolean exists(String sha256) throws IOException {
				return bucket.exists(sha256);
			}

			@Override
			public void delete(String sha256) throws IOException {
				bucket.delete(sha256);
			}

			@Override
			public java.util.stream.Stream<ListedBlob> list() throws IOException {
				return bucket.list();
			}

			@Override
			public java.util.Optional<java.time.Instant> lastModified(String sha256) throws IOException {
				return bucket.lastModified(sha256);
			}
		};
		EvidenceFiles watched = new EvidenceFiles(settings, recording, staging, records, transactions, clock);
		byte[] video = Samples.mp4(2 << 20);
		new Random().nextBytes(video);
		System.arraycopy(Samples.mp4(64), 0, video, 0, 64);

		EvidenceOwner owner = newOwner();
		EvidenceFile clip = watched.upload(owner, ESSAY, "essay.mp4", new ByteArrayInputStream(video), -1);

		assertThat(calls).containsExactly("prepare in transaction: false", "put in transaction: true");
		assertThat(body(watched.serve(owner, clip.id(), false, false))).isEqualTo(video);
	}

	/**
	 * The sweep on the bucket (its own key prefix, so it meets no other test's objects): an orphan object goes once
	 * it is older than the grace period, a referenced one stays, a fresh orphan stays, and a key under the prefix
	 * that is not a blob's is never touched. (S3Mock stamps objects with the real time, so "older" is a sweep whose
	 * clock is 25 hours ahead.)
	 */
	@Test
	void sweepsOrphanObjectsOlderThanTheGracePeriodOnly() throws IOException {
		String prefix = "sweep-" + java.util.UUID.randomUUID() + "/";
		S3EvidenceStore own = new S3EvidenceStore(s3, S3Mock.BUCKET, prefix, 5 << 20, staging);
		EvidenceFiles swept = new EvidenceFiles(settings, own, staging, records, transactions, clock);
		EvidenceOwner owner = newOwner();
		byte[] kept = OrphanBlobSweepTest.uniquePdf();
		EvidenceFile file = swept.upload(owner, PDF_ONLY, "report.pdf", new ByteArrayInputStream(kept), kept.length);
		StoredBlob orphan = own.put(new ByteArrayInputStream(OrphanBlobSweepTest.uniquePdf()));
		s3.putObject(request -> request.bucket(S3Mock.BUCKET).key(prefix + "notes.txt"),
				software.amazon.awssdk.core.sync.RequestBody.fromString("not a blob"));
		java.time.Duration grace = java.time.Duration.ofHours(24);

		OrphanBlobSweep.Result now = new OrphanBlobSweep(own, records, transactions, clock, grace).sweep();

		assertThat(now.listed).isEqualTo(2);
		assertThat(now.deleted).isZero();
		assertThat(own.exists(orphan.sha256())).as("a fresh orphan stays").isTrue();

		Clock later = Clock.offset(clock, java.time.Duration.ofHours(25));
		OrphanBlobSweep.Result dayLater = new OrphanBlobSweep(own, records, transactions, later, grace).sweep();

		assertThat(dayLater.deleted).isEqualTo(1);
		assertThat(dayLater.deletedBytes).isEqualTo(orphan.size());
		assertThat(dayLater.failed).isZero();
		assertThat(own.exists(orphan.sha256())).as("the old orphan is gone").isFalse();
		assertThat(body(swept.serve(owner, file.id(), false, false))).as("the referenced blob stays").isEqualTo(kept);
		assertThat(s3.headObject(request -> request.bucket(S3Mock.BUCKET).key(prefix + "notes.txt")).contentLength())
			.isEqualTo(10);
	}

	private static boolean inTransaction() {
		return org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive();
	}

	private boolean object(String sha256) throws IOException {
		try {
			s3.headObject(request -> request.bucket(S3Mock.BUCKET).key("files/" + sha256));
			return true;
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return false;
			}
			throw new IOException(ex);
		}
	}
}
