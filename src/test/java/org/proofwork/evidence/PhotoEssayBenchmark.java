package org.proofwork.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.proofwork.ProofworkApplication;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.testing.TestPlatform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty educators upload a twenty-photo essay at once, over real HTTP, each photo a 12 MB JPEG (see
 * bench/evidence/README.md). Not part of the build:
 * {@code ./mvnw -q -B test -Dtest=PhotoEssayBenchmark -Dbench=true -DargLine="<the Dockerfile's JAVA_OPTS>"}.
 *
 * <p>
 * The tool runs in this JVM with the production settings (embedded H2 file database, filesystem store, or the S3
 * store against S3Mock with {@code -Dbench.store=s3}) on a real port. Each educator launches over LTI with a cookie
 * store of its own into the Community Partnerships credential, reads the CSRF token from the photo essay page, then
 * uploads its photos one after another into the photo essay's "photos" group ({@code item=new}: one item per photo),
 * as multipart POSTs (the form's endpoint) or, with {@code -Dbench.mode=put}, as the raw bodies the page's uploader
 * sends. All educators start together.
 *
 * <p>
 * The same run is repeated with the same bytes declared as PDFs ({@code %PDF-} over the first bytes), which the same
 * slot accepts and stores as they are: the same requests, multipart parsing, staging, hashing and storing, without
 * the photo re-encode. A plain {@code Files.copy} + {@code fsync} of the same files to the same disk is the floor.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true", disabledReason = "a 12 GB benchmark; -Dbench=true runs it")
class PhotoEssayBenchmark {

	static final int EDUCATORS = Integer.getInteger("bench.educators", 50);

	static final int PHOTOS = Integer.getInteger("bench.photos", 20);

	static final int PHOTO_MB = Integer.getInteger("bench.photoMb", 12);

	/** {@code multipart} (one photo per POST, the form's endpoint) or {@code put} (the page's uploader). */
	static final String MODE = System.getProperty("bench.mode", "multipart");

	/** {@code filesystem} or {@code s3} (S3Mock). */
	static final String STORE = System.getProperty("bench.store", "filesystem");

	/** Keep the generated photos for the next run (they take minutes to make). */
	static final boolean KEEP_PHOTOS = Boolean.getBoolean("bench.keepPhotos");

	static final Path ROOT = Path.of("target", "photo-essay-bench").toAbsolutePath();

	static final Path REPORT = Path.of("target", "photo-essay-benchmark.txt");

	private static final long MB = 1 << 20;

	/** Uploads by one educator alone before the concurrent runs: photo, PDF, photo, PDF... */
	private static final int WARM_UP = 6;

	private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");

	private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

	private static final Pattern LAUNCH = Pattern.compile("(/launches/[^/?#]+)");

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final AtomicInteger educatorNumbers = new AtomicInteger();

	private String base;

	private TestPlatform platform;

	private final StringBuilder report = new StringBuilder();

	private final String s3Prefix = "bench-" + UUID.randomUUID() + "/";

	@Test
	void fiftyEducatorsUploadTwentyTwelveMegabytePhotosEach() throws Exception {
		int count = EDUCATORS * PHOTOS;
		line("Photo essay benchmark: %d educators x %d photos of ~%d MB (%s, %s store), %d CPUs, %s %s, heap max %d MB,"
				+ " JVM options %s", EDUCATORS, PHOTOS, PHOTO_MB, MODE, STORE, Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.vm.name"), System.getProperty("java.version"),
				Runtime.getRuntime().maxMemory() / MB, ManagementFactory.getRuntimeMXBean().getInputArguments());
		long t = System.nanoTime();
		// Six more than the concurrent runs use, for the warm-up: no run uploads bytes another run did.
		List<Path> all = BenchPhotos.prepare(ROOT.resolve("photos"), count + WARM_UP, PHOTO_MB);
		List<Path> photos = all.subList(0, count);
		List<Path> warmUp = all.subList(count, count + WARM_UP);
		long bytes = 0;
		for (Path photo : photos) {
			bytes += Files.size(photo);
		}
		long warmUpPhotoBytes = 0;
		for (int i = 0; i < WARM_UP; i += 2) {
			warmUpPhotoBytes += Files.size(warmUp.get(i));
		}
		line("photos: %d files, %.0f MB in all (%.1f MB each on average), ready in %.0f s; load %s", count,
				bytes / (double) MB, bytes / (double) MB / count, (System.nanoTime() - t) / 1e9, load());

		Path data = ROOT.resolve("data-" + UUID.randomUUID());
		int port = freePort();
		base = "http://localhost:" + port;
		try (TestPlatform lms = new TestPlatform(Clock.systemUTC());
				ConfigurableApplicationContext tool = start(port, data)) {
			platform = lms;
			tool.getBean(PlatformRegistry.class).register(lms.details(), Platform.Source.IMPORT);
			JdbcClient jdbc = tool.getBean(JdbcClient.class);

			// Warm-up, and the cost of one upload alone: one educator, photos and the same bytes as PDFs, in turn.
			Educator alone = launch();
			List<Long> alonePhoto = new ArrayList<>();
			List<Long> aloneRaw = new ArrayList<>();
			for (int i = 0; i < WARM_UP; i++) {
				Run warm = new Run();
				long started = System.nanoTime();
				alone.upload(warmUp.get(i), i % 2 == 1, warm);
				assertThat(warm.errors.get()).as("warm-up upload errors: %s", warm.errorKinds).isZero();
				(i % 2 == 1 ? aloneRaw : alonePhoto).add(System.nanoTime() - started);
			}
			line("");
			line("One upload alone (after warm-up, median of %d), load %s:", alonePhoto.size() - 1, load());
			line("  %-60s %8.0f ms", "12 MB photo, full pipeline (HTTP + re-encode + store)",
					median(alonePhoto.subList(1, alonePhoto.size())) / 1e6);
			line("  %-60s %8.0f ms", "same bytes as a PDF (HTTP + staging + hash + store)",
					median(aloneRaw.subList(1, aloneRaw.size())) / 1e6);
			deidentifyAlone(tool, warmUp);

			List<Educator> photoEducators = launchAll();
			List<Educator> rawEducators = launchAll();
			line("");
			line("Launched %d + %d educators over HTTP; load %s", EDUCATORS, EDUCATORS, load());

			Run photoRun = concurrently(photoEducators, photos, false);
			line("");
			line("Concurrent, photos (full pipeline): %s", photoRun.summary(bytes));
			Run rawRun = concurrently(rawEducators, photos, true);
			line("Concurrent, same bytes as PDFs (no re-encode): %s", rawRun.summary(bytes));

			Path copies = Files.createDirectories(data.resolve("plain-copy"));
			double copySeconds = plainCopy(photos, copies);
			line("Files.copy + fsync of the same %d files, one after another, same disk: %.1f s = %.0f MB/s; load %s",
					count, copySeconds, bytes / (double) MB / copySeconds, load());
			line("Ratios to the plain copy (time): photos %.1fx, PDFs %.1fx", photoRun.seconds / copySeconds,
					rawRun.seconds / copySeconds);

			long stored = jdbc.sql("SELECT COUNT(*) FROM evidence_file WHERE kind = 'PHOTO' AND thumbnail_sha256 IS NOT NULL")
				.query(Long.class)
				.single();
			long storedBytes = jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM evidence_file WHERE kind = 'PHOTO'")
				.query(Long.class)
				.single();
			long distinct = jdbc.sql("SELECT COUNT(DISTINCT sha256) FROM evidence_file WHERE kind = 'PHOTO'")
				.query(Long.class)
				.single();
			line("Stored photos (with thumbnails): %d, %d distinct re-encoded blobs, %.0f MB as stored (%.0f %% of the"
					+ " uploaded bytes)", stored, distinct, storedBytes / (double) MB,
					100.0 * storedBytes / (bytes + warmUpPhotoBytes));
			line("JVM: peak RSS (VmHWM, whole run incl. start-up) %d MB", peakRssMb());

			System.out.println(report);
			Files.createDirectories(REPORT.toAbsolutePath().getParent());
			Files.writeString(REPORT, report.toString());

			assertThat(photoRun.errors.get()).as("errors with photos: %s", photoRun.errorKinds).isZero();
			assertThat(rawRun.errors.get()).as("errors with PDFs: %s", rawRun.errorKinds).isZero();
			assertThat(stored).isEqualTo(count + alonePhoto.size());
		}
		finally {
			BenchPhotos.delete(data);
			if (STORE.equals("s3")) {
				deleteObjects();
			}
			if (!KEEP_PHOTOS) {
				BenchPhotos.delete(ROOT.resolve("photos"));
			}
		}
	}

	/** The re-encode by itself, in this thread, on photos already on disk: what the semaphore guards. */
	private void deidentifyAlone(ConfigurableApplicationContext tool, List<Path> photos) throws IOException {
		StagingArea staging = tool.getBean(StagingArea.class);
		EvidenceSettings settings = tool.getBean(EvidenceSettings.class);
		PhotoDeidentification deidentification = new PhotoDeidentification(staging, settings.maxPhotoPixels(),
				settings.thumbnailSize());
		List<Long> nanos = new ArrayList<>();
		List<Long> copies = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			long started = System.nanoTime();
			PhotoDeidentification.DeidentifiedPhoto photo = deidentification.deidentify(photos.get(i), FileTypes.JPEG,
					"bench.jpg");
			nanos.add(System.nanoTime() - started);
			staging.discard(photo.photo());
			staging.discard(photo.thumbnail());
			Path copy = staging.newFile();
			started = System.nanoTime();
			Files.copy(photos.get(i), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			copies.add(System.nanoTime() - started);
			staging.discard(copy);
		}
		line("  %-60s %8.0f ms", "PhotoDeidentification.deidentify alone (EXIF, decode, encode, thumbnail, 2 hashes)",
				median(nanos.subList(1, nanos.size())) / 1e6);
		line("  %-60s %8.0f ms", "Files.copy + fsync of one photo", median(copies.subList(1, copies.size())) / 1e6);
	}

	private List<Educator> launchAll() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Educator>> futures = new ArrayList<>();
			for (int i = 0; i < EDUCATORS; i++) {
				futures.add(pool.submit(this::launch));
			}
			List<Educator> educators = new ArrayList<>();
			for (Future<Educator> future : futures) {
				educators.add(future.get());
			}
			return educators;
		}
		finally {
			pool.shutdown();
		}
	}

	/** All educators at once, each uploading its own photos one after another. */
	private Run concurrently(List<Educator> educators, List<Path> photos, boolean asPdf) throws Exception {
		Run run = new Run();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		memory.gc();
		long heapBefore = memory.getHeapMemoryUsage().getUsed();
		Sampler sampler = Sampler.start(memory);
		long cpuBefore = cpuTicks();
		String loadBefore = load();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(educators.size());
		List<Future<?>> futures = new ArrayList<>();
		for (int e = 0; e < educators.size(); e++) {
			Educator educator = educators.get(e);
			int first = e * PHOTOS;
			futures.add(pool.submit(() -> {
				go.await();
				for (int p = 0; p < PHOTOS; p++) {
					long started = System.nanoTime();
					if (educator.upload(photos.get(first + p), asPdf, run)) {
						run.nanos.add(System.nanoTime() - started);
					}
				}
				return null;
			}));
		}
		long start = System.nanoTime();
		go.countDown();
		for (Future<?> future : futures) {
			future.get();
		}
		run.seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		sampler.finish();
		run.cpuSeconds = (cpuTicks() - cpuBefore) / 100.0;
		run.heapBefore = heapBefore;
		run.peakHeap = sampler.peakHeap.get();
		run.peakRss = sampler.peakRss.get();
		run.peakAfterGc = sampler.peakAfterGc.get();
		run.load = loadBefore + " -> " + load();
		return run;
	}

	private Educator launch() throws Exception {
		Educator educator = new Educator("essay-educator-" + educatorNumbers.incrementAndGet());
		String target = base + "/lti/launch";
		HttpResponse<String> login = educator.get(base + "/lti/login?" + form(Map.of("iss", platform.issuer,
				"login_hint", educator.subject, "target_link_uri", target, "client_id", TestPlatform.CLIENT_ID)));
		HttpResponse<String> continued = educator.get(location(login));
		String auth = location(continued);
		String state = query(auth, "state");
		String nonce = query(auth, "nonce");
		String token = platform.sign(platform.claims(nonce, target, "Learner")
			.subject(educator.subject)
			.claim("name", "Educator " + educator.subject)
			.claim("email", educator.subject + "@school.example")
			.build());
		HttpResponse<String> page = educator.post(target, Map.of("id_token", token, "state", state));
		for (int hop = 0; hop < 5 && page.statusCode() / 100 == 3; hop++) {
			page = educator.get(location(page));
		}
		assertThat(page.statusCode()).as("launch of %s ends on a page", educator.subject).isEqualTo(200);
		Matcher launch = LAUNCH.matcher(page.uri().getPath());
		assertThat(launch.find()).as("launch path in %s", page.uri()).isTrue();
		educator.essay = base + launch.group(1) + "/workspace/sections/photo-essay";
		HttpResponse<String> section = educator.get(educator.essay);
		assertThat(section.statusCode()).isEqualTo(200);
		Matcher input = CSRF_INPUT.matcher(section.body());
		assertThat(input.find()).as("CSRF token on the photo essay page").isTrue();
		Matcher csrf = VALUE.matcher(input.group());
		assertThat(csrf.find()).isTrue();
		educator.csrf = org.springframework.web.util.HtmlUtils.htmlUnescape(csrf.group(1));
		return educator;
	}

	private ConfigurableApplicationContext start(int port, Path data) {
		List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--proofwork.base-url=" + base,
				"--proofwork.data-dir=" + data, "--logging.level.org.proofwork.evidence=WARN"));
		if (STORE.equals("s3")) {
			S3Mock s3 = S3Mock.start();
			args.addAll(List.of("--proofwork.evidence.store=s3", "--proofwork.evidence.s3.bucket=" + S3Mock.BUCKET,
					"--proofwork.evidence.s3.endpoint=" + s3.endpoint(), "--proofwork.evidence.s3.path-style-access=true",
					"--proofwork.evidence.s3.access-key-id=test", "--proofwork.evidence.s3.secret-access-key=test",
					"--proofwork.evidence.s3.key-prefix=" + s3Prefix));
		}
		return new SpringApplicationBuilder(ProofworkApplication.class).run(args.toArray(String[]::new));
	}

	/** The run's objects in S3Mock's bucket (S3Mock keeps them on disk under target/s3mock until deleted). */
	private void deleteObjects() {
		try (software.amazon.awssdk.services.s3.S3Client s3 = S3Mock.start().client()) {
			s3.listObjectsV2Paginator(request -> request.bucket(S3Mock.BUCKET).prefix(s3Prefix))
				.contents()
				.forEach(object -> s3.deleteObject(request -> request.bucket(S3Mock.BUCKET).key(object.key())));
		}
	}

	private double plainCopy(List<Path> photos, Path folder) throws IOException {
		long start = System.nanoTime();
		for (Path photo : photos) {
			Path target = folder.resolve(photo.getFileName());
			Files.copy(photo, target);
			try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		BenchPhotos.delete(folder);
		return seconds;
	}

	private void line(String format, Object... arguments) {
		report.append(String.format(Locale.ROOT, format, arguments)).append('\n');
	}

	static String load() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	/** CPU ticks (1/100 s) this JVM used so far: the tool, the clients, the LMS stub. */
	static long cpuTicks() {
		try {
			String stat = Files.readString(Path.of("/proc/self/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	static long rssKb(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return 0;
	}

	static long peakRssMb() {
		return rssKb("VmHWM") / 1024;
	}

	static double median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
	}

	static double percentile(List<Long> sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
	}

	private static String location(HttpResponse<?> response) {
		String location = response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new IllegalStateException(
					"no Location in " + response.statusCode() + " from " + response.uri()));
		return location.startsWith("http") ? location : response.uri().resolve(location).toString();
	}

	private static String query(String url, String name) {
		return org.springframework.web.util.UriComponentsBuilder.fromUriString(url)
			.build()
			.getQueryParams()
			.get(name)
			.stream()
			.findFirst()
			.map(value -> java.net.URLDecoder.decode(value, StandardCharsets.UTF_8))
			.orElseThrow();
	}

	private static String form(Map<String, String> values) {
		return values.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Latencies, errors and resource use of one concurrent run. */
	static final class Run {

		final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

		final AtomicInteger errors = new AtomicInteger();

		final Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();

		double seconds;

		double cpuSeconds;

		long heapBefore;

		long peakHeap;

		long peakRss;

		long peakAfterGc;

		String load;

		void error(String kind) {
			errors.incrementAndGet();
			errorKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
		}

		String summary(long bytes) {
			List<Long> sorted = new ArrayList<>(nanos);
			Collections.sort(sorted);
			return String.format(Locale.ROOT,
					"%n  %d uploads in %.1f s = %.1f MB/s, %.1f photos/s; per upload p50 %.0f ms, p95 %.0f ms, max %.0f ms"
							+ "%n  errors %d %s; peak heap %.0f MB with garbage, %.0f MB after a collection (%.0f MB after"
							+ " GC before the run); peak RSS %d MB;"
							+ " JVM CPU %.0f s (%.2f s per upload); load %s",
					sorted.size(), seconds, bytes / (double) MB / seconds, sorted.size() / seconds,
					percentile(sorted, 50) / 1e6, percentile(sorted, 95) / 1e6,
					sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6, errors.get(), errorKinds,
					peakHeap / (double) MB, peakAfterGc / (double) MB, heapBefore / (double) MB, peakRss / 1024,
					cpuSeconds,
					cpuSeconds / Math.max(1, sorted.size()), load);
		}
	}

	/** Samples heap in use (garbage included) and resident memory every 10 ms, keeping the highest. */
	static final class Sampler extends Thread {

		final MemoryMXBean memory;

		final AtomicLong peakHeap = new AtomicLong();

		final AtomicLong peakRss = new AtomicLong();

		/** The most heap still in use right after a collection (live data, no garbage), over all heap pools. */
		final AtomicLong peakAfterGc = new AtomicLong();

		volatile boolean running = true;

		Sampler(MemoryMXBean memory) {
			super("photo-bench-sampler");
			this.memory = memory;
			setDaemon(true);
		}

		static Sampler start(MemoryMXBean memory) {
			Sampler sampler = new Sampler(memory);
			sampler.start();
			return sampler;
		}

		@Override
		public void run() {
			int tick = 0;
			while (running) {
				peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				if (tick++ % 10 == 0) {
					peakRss.accumulateAndGet(rssKb("VmRSS"), Math::max);
					long afterGc = 0;
					for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
						if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
							afterGc += pool.getCollectionUsage().getUsed();
						}
					}
					peakAfterGc.accumulateAndGet(afterGc, Math::max);
				}
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		void finish() throws InterruptedException {
			running = false;
			join();
		}
	}

	/** One educator's browser: its own cookies, its photo essay page and CSRF token. */
	final class Educator {

		final String subject;

		final Map<String, String> cookies = new LinkedHashMap<>();

		String essay;

		String csrf;

		Educator(String subject) {
			this.subject = subject;
		}

		HttpResponse<String> get(String url) throws IOException, InterruptedException {
			return send(HttpRequest.newBuilder(URI.create(url)).GET());
		}

		HttpResponse<String> post(String url, Map<String, String> values) throws IOException, InterruptedException {
			return send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(values))));
		}

		/**
		 * One file as a new item of the photos group; as a PDF, the same bytes with {@code %PDF-1.7} over the first
		 * nine. True if the tool answered 200 with the file's id.
		 */
		boolean upload(Path photo, boolean asPdf, Run run) {
			try {
				long size = Files.size(photo);
				String name = photo.getFileName().toString().replace(".jpg", asPdf ? ".pdf" : ".jpg");
				String query = "?slot=image&group=photos&item=new";
				HttpRequest.Builder request;
				if (MODE.equals("put")) {
					request = HttpRequest.newBuilder(URI.create(essay + "/files" + query + "&name=" + name))
						.header("Content-Type", "application/octet-stream")
						.PUT(HttpRequest.BodyPublishers.fromPublisher(
								HttpRequest.BodyPublishers.ofInputStream(() -> content(photo, asPdf)), size));
				}
				else {
					String boundary = "----bench" + UUID.randomUUID().toString().replace("-", "");
					byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
							+ name + "\"\r\nContent-Type: " + (asPdf ? "application/pdf" : "image/jpeg") + "\r\n\r\n")
						.getBytes(StandardCharsets.UTF_8);
					byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
					request = HttpRequest.newBuilder(URI.create(essay + "/files" + query))
						.header("Content-Type", "multipart/form-data; boundary=" + boundary)
						.POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
								HttpRequest.BodyPublishers.fromPublisher(
										HttpRequest.BodyPublishers.ofInputStream(() -> content(photo, asPdf)), size),
								HttpRequest.BodyPublishers.ofByteArray(tail)));
				}
				request.header("Accept", "application/json").header("X-CSRF-TOKEN", csrf);
				HttpResponse<String> response = send(request);
				if (response.statusCode() != 200 || !response.body().contains("\"files\":[\"")) {
					String body = response.body();
					run.error(response.statusCode() + " " + body.substring(0, Math.min(160, body.length())));
					return false;
				}
				return true;
			}
			catch (Exception ex) {
				run.error(ex.toString());
				return false;
			}
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
			request.timeout(Duration.ofMinutes(15));
			synchronized (cookies) {
				if (!cookies.isEmpty()) {
					request.header("Cookie", cookies.entrySet()
						.stream()
						.map(e -> e.getKey() + "=" + e.getValue())
						.collect(Collectors.joining("; ")));
				}
			}
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			synchronized (cookies) {
				for (String header : response.headers().allValues("Set-Cookie")) {
					String pair = header.split(";", 2)[0];
					int eq = pair.indexOf('=');
					String value = pair.substring(eq + 1).trim();
					if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
						cookies.remove(pair.substring(0, eq).trim());
					}
					else {
						cookies.put(pair.substring(0, eq).trim(), value);
					}
				}
			}
			return response;
		}
	}

	private static InputStream content(Path photo, boolean asPdf) {
		try {
			InputStream in = Files.newInputStream(photo);
			if (!asPdf) {
				return in;
			}
			byte[] pdf = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
			in.skipNBytes(pdf.length);
			return new SequenceInputStream(new java.io.ByteArrayInputStream(pdf), in);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
