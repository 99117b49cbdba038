package org.proofwork.evidence;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.proofwork.catalog.CountRange;
import org.proofwork.catalog.FileSlot;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 store's upload speed and heap against S3Mock (a local process, as in {@link S3EvidenceFilesTest}), next to
 * the filesystem store, through the same {@link EvidenceFiles#upload}: a 500 MB video (a multipart upload in 16 MB
 * parts, the default) and 12 MB photos (one request each, after the re-encode). Runs alternate between the stores.
 * Not part of the build: {@code ./mvnw -q -B test -Dtest=S3UploadBenchmark -Dbench=true -DargLine=...}, see
 * bench/evidence/README.md.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true", disabledReason = "a 3 GB benchmark; -Dbench=true runs it")
@SpringBootTest(properties = "proofwork.data-dir=target/evidence-bench/${random.uuid}")
class S3UploadBenchmark {

	private static final long MB = 1 << 20;

	private static final long VIDEO_SIZE = Long.getLong("bench.videoMb", 500) << 20;

	private static final int RUNS = Integer.getInteger("bench.runs", 3);

	private static final int PHOTOS = Integer.getInteger("bench.s3Photos", 6);

	private static final FileSlot VIDEO = new FileSlot("essay", "Video", List.of("video/mp4"), new CountRange(0, 1));

	private static final FileSlot PHOTO = new FileSlot("image", "Photo", List.of("image/jpeg"), new CountRange(0, 20));

	@Autowired
	EvidenceFiles files;

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

	@Test
	void s3UploadNextToTheFilesystem() throws Exception {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		S3Mock s3Mock = S3Mock.start();
		try (S3EvidenceStore bucket = new S3EvidenceStore(s3Mock.client(), S3Mock.BUCKET,
				"bench-" + UUID.randomUUID() + "/", settings.s3().partSize().toBytes(), staging)) {
			EvidenceFiles onS3 = new EvidenceFiles(settings, bucket, staging, records, transactions, clock);
			StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
					"S3 upload benchmark: S3Mock 5.2.0 (its own JVM, -Xmx256m, same machine), part size %d MB,"
							+ " heap max %d MB, JVM options %s%n",
					settings.s3().partSize().toBytes() / MB, memory.getHeapMemoryUsage().getMax() / MB,
					ManagementFactory.getRuntimeMXBean().getInputArguments()));

			// Warm-up of both paths.
			video(files, 16 * MB, memory);
			video(onS3, 16 * MB, memory);

			List<Sample> fsVideo = new ArrayList<>();
			List<Sample> s3Video = new ArrayList<>();
			for (int i = 0; i < RUNS; i++) {
				fsVideo.add(video(files, VIDEO_SIZE, memory));
				s3Video.add(video(onS3, VIDEO_SIZE, memory));
			}
			report.append(String.format(Locale.ROOT, "%d MB video, median of %d, alternating; load %s%n",
					VIDEO_SIZE / MB, RUNS, PhotoEssayBenchmark.load()));
			report.append(line("filesystem store", fsVideo, VIDEO_SIZE));
			report.append(line("S3 store (S3Mock), multipart upload", s3Video, VIDEO_SIZE));

			List<Path> photos = BenchPhotos.prepare(PhotoEssayBenchmark.ROOT.resolve("s3-photos"), PHOTOS, 12);
			List<Sample> fsPhotos = new ArrayList<>();
			List<Sample> s3Photos = new ArrayList<>();
			long photoBytes = 0;
			for (int i = 0; i < photos.size(); i++) {
				byte[] bytes = Files.readAllBytes(photos.get(i));
				photoBytes = bytes.length;
				// Each photo once per store: equal bytes would be found already stored.
				fsPhotos.add(photo(files, bytes, memory));
				s3Photos.add(photo(onS3, bytes, memory));
			}
			report.append(String.format(Locale.ROOT, "12 MB photos (%d, each to both stores, alternating), full upload"
					+ " incl. re-encode, median; load %s%n", photos.size(), PhotoEssayBenchmark.load()));
			report.append(line("filesystem store", fsPhotos, photoBytes));
			report.append(line("S3 store (S3Mock), one PUT per blob", s3Photos, photoBytes));
			System.out.println(report);
			Files.writeString(Path.of("target", "s3-upload-benchmark.txt"), report.toString());
			BenchPhotos.delete(PhotoEssayBenchmark.ROOT.resolve("s3-photos"));

			assertThat(s3Video).allSatisfy(run -> assertThat(run.peakGrowth()).isLessThan(64 * MB));
		}
	}

	private static Sample video(EvidenceFiles target, long size, MemoryMXBean memory) throws Exception {
		EvidenceOwner owner = owner();
		long before = EvidenceUploadBenchmark.heapAfterGc(memory);
		EvidenceUploadBenchmark.HeapSampler sampler = EvidenceUploadBenchmark.HeapSampler.start(memory);
		long start = System.nanoTime();
		EvidenceFile file = target.upload(owner, VIDEO, "essay.mp4", Samples.generatedVideo(size), size);
		long nanos = System.nanoTime() - start;
		long peak = sampler.finish();
		assertThat(file.size()).isEqualTo(size);
		target.delete(owner, file.id());
		return new Sample(nanos, peak - before);
	}

	private static Sample photo(EvidenceFiles target, byte[] bytes, MemoryMXBean memory) throws Exception {
		EvidenceOwner owner = owner();
		long start = System.nanoTime();
		EvidenceFile file = target.upload(owner, PHOTO, "photo.jpg", new ByteArrayInputStream(bytes), bytes.length);
		long nanos = System.nanoTime() - start;
		target.delete(owner, file.id());
		return new Sample(nanos, 0);
	}

	private static String line(String what, List<Sample> samples, long size) {
		List<Long> nanos = new ArrayList<>(samples.stream().map(Sample::nanos).toList());
		Collections.sort(nanos);
		double seconds = nanos.get(nanos.size() / 2) / 1e9;
		long peak = samples.stream().mapToLong(Sample::peakGrowth).max().orElse(0);
		return String.format(Locale.ROOT, "  %-45s %7.2f s  %6.0f MB/s%s  (all: %s)%n", what, seconds,
				size / (double) MB / seconds,
				peak > 0 ? String.format(Locale.ROOT, "  max peak heap growth %.1f MB", peak / (double) MB) : "",
				samples.stream().map(s -> String.format(Locale.ROOT, "%.2f", s.nanos() / 1e9)).toList());
	}

	private static EvidenceOwner owner() {
		return new EvidenceOwner(1, "bench", "bench", UUID.randomUUID().toString());
	}

	private record Sample(long nanos, long peakGrowth) {
	}
}
