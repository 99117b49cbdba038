package org.proofwork.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.proofwork.evidence.Samples;
import org.proofwork.testing.MariaDb;
import org.proofwork.testing.RequiresMariaDb;
import org.proofwork.testing.TestPlatform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of the tool, a separate JVM on the production profile (MariaDB, filesystem evidence store), in the
 * middle of the two things that must survive it (issue 7, bench/drills/README.md):
 * <ul>
 * <li>an upload: killed while the bytes stream in, and again after they are in (while a photo is de-identified,
 * and the moment a video's blob is renamed into the store, before its row is committed). After the restart nothing
 * half-stored is visible, the staging folder is empty, and the same educator, in the same session, uploads the same
 * file again and downloads it byte for byte;</li>
 * <li>grade delivery: killed while scores are being sent to a slow AGS. After the restart every learner's score
 * arrives; the only duplicates are scores that were in flight at the kill.</li>
 * </ul>
 * Not part of the build: {@code ./mvnw -B -ntp test -Dtest=KillNineDrillTest -Dbench=true}.
 */
@RequiresMariaDb
@EnabledIfSystemProperty(named = "bench", matches = "true")
class KillNineDrillTest {

	static final String UPLOAD_DATABASE = "proofwork_kill9_upload";

	static final String DELIVERY_DATABASE = "proofwork_kill9_delivery";

	static final String SECTION = "photo-essay";

	static final long VIDEO_SIZE = 300L << 20;

	/** Where the first killed upload stops sending (the kill comes once the tool has staged part of it). */
	static final long PAUSE_AT = 100L << 20;

	static final int DECISIONS = 40;

	static final String LINE_ITEM = "/platform/lineitems/9/lineitem";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

	/**
	 * The recommended production flags (bench/launch/startup.sh, docs/PERFORMANCE.md) but a heap set outright: the
	 * 40-megapixel photo takes about 160 MB to decode.
	 */
	static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
			"-Xmx768m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=192m");

	final String masterKey = Base64.getEncoder().encodeToString(randomBytes());

	final TestPlatform lms = new TestPlatform(Clock.systemUTC());

	final List<ChildNode> nodes = new ArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		for (ChildNode node : nodes) {
			node.close();
		}
		lms.close();
	}

	// ---------------------------------------------------------------------------------------------- upload drill

	@Test
	void uploadKilledMidStreamAndWhileStoring() throws Throwable {
		MariaDb.recreate(UPLOAD_DATABASE);
		Path home = fresh(Path.of("target", "kill-drill", "upload"));
		Path dataDir = home.resolve("data");
		Path staging = dataDir.resolve("evidence").resolve("staging");
		ChildNode node = node("upload", "org.proofwork.ProofworkApplication", JVM_OPTIONS);
		List<String> args = arguments(UPLOAD_DATABASE, dataDir, platforms(home), node.base());
		JdbcClient db = jdbc(UPLOAD_DATABASE);
		StringBuilder report = new StringBuilder();
		try {
			Duration firstStart = node.start(args, READY_TIMEOUT);
			report.append(String.format("first start: ready in %d ms (%d ms CPU)%n", firstStart.toMillis(),
					node.cpuToReady().toMillis()));
			BenchBrowser educator = new BenchBrowser();
			String launch = launch(educator, node.base(), "kill-drill-educator");
			String sectionPage = node.base() + "/launches/" + launch + "/workspace/sections/" + SECTION;
			String csrf = csrf(educator.get(sectionPage).body());
			String videoSha = sha256(Samples.generatedVideo(VIDEO_SIZE));
			byte[] photo = largePhoto();
			String photoSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
			report.append(String.format("video %d MB (sha256 %s...), photo %dx%d JPEG %.1f MB%n", VIDEO_SIZE >> 20,
					videoSha.substring(0, 12), PHOTO_WIDTH, PHOTO_HEIGHT, photo.length / 1048576.0));

			// 1. Killed while the video streams in: 100 MB of 300 MB sent, then the client waits.
			PausedBody paused = new PausedBody(Samples.generatedVideo(VIDEO_SIZE), PAUSE_AT);
			CompletableFuture<HttpResponse<String>> first = upload(educator, node.base(), launch, csrf, "slot=essay",
					"essay.mp4", paused, VIDEO_SIZE);
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> paused.sent.get() >= PAUSE_AT && largestStaged(staging) >= PAUSE_AT / 2);
			long stagedAtKill = largestStaged(staging);
			assertThat(node.kill()).as("ended by SIGKILL").isEqualTo(ChildNode.KILLED_BY_SIGKILL);
			paused.release();
			assertThat(failed(first)).as("the killed upload got no answer").isTrue();
			assertThat(stagedFiles(staging)).as("the kill left the partial upload in staging").isNotEmpty();
			Duration restart1 = node.start(args, READY_TIMEOUT);
			assertNothingKept(db, dataDir, staging, educator, sectionPage, "essay.mp4");
			report.append(String.format("kill 1, video mid-stream: %d MB sent, %d MB staged at the kill; restart ready"
					+ " in %d ms (%d ms CPU); nothing kept, staging empty%n", paused.sent.get() >> 20,
					stagedAtKill >> 20, restart1.toMillis(), node.cpuToReady().toMillis()));

			// 2. Killed after the photo's bytes are in, while it is being de-identified (decoded, re-encoded).
			CompletableFuture<HttpResponse<String>> second = upload(educator, node.base(), launch, csrf,
					"group=photos&slot=image&item=new", "big-photo.jpg", new java.io.ByteArrayInputStream(photo),
					photo.length);
			int stagedFilesAtKill = killOnceFullyStaged(node, staging, photo.length, second);
			Duration restart2 = node.start(args, READY_TIMEOUT);
			assertNothingKept(db, dataDir, staging, educator, sectionPage, "big-photo.jpg");
			report.append(String.format("kill 2, photo fully received (%d staging file(s) at the kill: upload%s);"
					+ " restart ready in %d ms (%d ms CPU); nothing kept, staging empty%n", stagedFilesAtKill,
					stagedFilesAtKill > 1 ? " + de-identified output being written" : " only, being decoded",
					restart2.toMillis(), node.cpuToReady().toMillis()));

			// 3. Killed after the video's bytes are in, at the moment its blob appears under its hash in the store:
			// renamed there inside the upload's transaction, before the row is committed.
			CompletableFuture<HttpResponse<String>> third = upload(educator, node.base(), launch, csrf, "slot=essay",
					"essay.mp4", Samples.generatedVideo(VIDEO_SIZE), VIDEO_SIZE);
			boolean answered = killOnceStored(node, blobPath(dataDir, videoSha), third);
			Duration restart3 = node.start(args, READY_TIMEOUT);
			String outcome = assertAllOrNothing(db, dataDir, staging, educator, sectionPage, videoSha, "essay.mp4");
			report.append(String.format("kill 3, video's blob just renamed into the store%s: restart ready in %d ms"
					+ " (%d ms CPU); %s%n", answered ? " (but the upload was answered first)" : "", restart3.toMillis(),
					node.cpuToReady().toMillis(), outcome));

			// 4. The same educator, in the same session, uploads both again.
			HttpResponse<String> video = upload(educator, node.base(), launch, csrf, "slot=essay", "essay.mp4",
					Samples.generatedVideo(VIDEO_SIZE), VIDEO_SIZE).get(300, TimeUnit.SECONDS);
			assertThat(video.statusCode()).as(video.body()).isEqualTo(200);
			HttpResponse<String> photoAgain = upload(educator, node.base(), launch, csrf,
					"group=photos&slot=image&item=new", "big-photo.jpg", new java.io.ByteArrayInputStream(photo),
					photo.length).get(300, TimeUnit.SECONDS);
			assertThat(photoAgain.statusCode()).as(photoAgain.body()).isEqualTo(200);
			String videoId = fileId(video.body());
			String photoId = fileId(photoAgain.body());
			String page = educator.get(sectionPage).body();
			assertThat(page).contains("essay.mp4").contains("big-photo.jpg");
			assertThat(download(educator, node.base() + "/launches/" + launch + "/workspace/files/" + videoId))
				.as("the video downloads byte for byte")
				.isEqualTo(videoSha);
			assertThat(download(educator, node.base() + "/launches/" + launch + "/workspace/files/" + photoId))
				.as("the photo is stored de-identified (re-encoded), so it has a hash of its own")
				.hasSize(64)
				.isNotEqualTo(photoSha);
			assertThat(db.sql("SELECT COUNT(*) FROM evidence_file WHERE id = ? AND sha256 = ? AND size = ?")
				.params(videoId, videoSha, VIDEO_SIZE)
				.query(Long.class)
				.single()).isEqualTo(1);
			assertConsistent(db, dataDir, staging);
			report.append("upload again after the kills: video and photo stored, listed, the video downloads with its"
					+ " SHA-256\n");
			print("Kill -9 upload drill", report);
		}
		catch (Throwable failure) {
			System.out.println(report);
			System.out.println(node.output());
			throw failure;
		}
	}

	/**
	 * Waits until the staging folder holds a file of {@code size} bytes (the tool has read the whole body and is
	 * past receiving it), then kills the node.
	 * @return how many staging files there were at the kill
	 */
	private int killOnceFullyStaged(ChildNode node, Path staging, long size,
			CompletableFuture<HttpResponse<String>> upload) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (largestStaged(staging) < size) {
			if (upload.isDone()) {
				throw new AssertionError("the upload ended before the kill: " + describe(upload));
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the upload never reached staging in full");
			}
			Thread.onSpinWait();
		}
		assertThat(node.kill()).as("ended by SIGKILL").isEqualTo(ChildNode.KILLED_BY_SIGKILL);
		int files = stagedFiles(staging).size();
		if (!failed(upload)) {
			throw new AssertionError("the upload was answered before the kill: " + describe(upload));
		}
		return files;
	}

	/**
	 * Waits until the blob appears under its hash in the store, then kills the node.
	 * @return whether the upload was answered before the kill
	 */
	private boolean killOnceStored(ChildNode node, Path blob, CompletableFuture<HttpResponse<String>> upload)
			throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (!Files.exists(blob)) {
			if (upload.isDone()) {
				throw new AssertionError("the upload ended before its blob was stored: " + describe(upload));
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the blob never appeared in the store");
			}
			Thread.onSpinWait();
		}
		assertThat(node.kill()).as("ended by SIGKILL").isEqualTo(ChildNode.KILLED_BY_SIGKILL);
		return !failed(upload);
	}

	/** No row, no usage, no blob, no staging file, nothing on the educator's page, for that name. */
	private static void assertNothingKept(JdbcClient db, Path dataDir, Path staging, BenchBrowser educator,
			String sectionPage, String name) throws Exception {
		assertThat(stagedFiles(staging)).as("staging after the restart").isEmpty();
		assertThat(db.sql("SELECT COUNT(*) FROM evidence_file").query(Long.class).single()).as("evidence rows")
			.isZero();
		assertThat(db.sql("SELECT COUNT(*) FROM evidence_blob").query(Long.class).single()).as("blob rows").isZero();
		assertThat(db.sql("SELECT COALESCE(SUM(bytes_used), 0) FROM evidence_usage").query(Long.class).single())
			.as("bytes counted against the submission")
			.isZero();
		assertThat(blobFiles(dataDir)).as("blobs in the store").isEmpty();
		HttpResponse<String> page = educator.get(sectionPage);
		assertThat(page.statusCode()).as("the same session works after the restart").isEqualTo(200);
		assertThat(page.body()).as("the section page").doesNotContain(name);
	}

	/**
	 * After a kill in the upload's transaction: either it had committed (its row, its blob, its usage, whole, and
	 * listed) or no row and no usage are there and the page lists nothing. A blob file without a row (renamed into
	 * the store, transaction not committed) is invisible; the drill reports it and checks it is whole. (The hourly
	 * {@code OrphanBlobSweep} deletes it after {@code proofwork.evidence.orphan-grace}, 24 hours: longer than the
	 * drill, which does not wait for it; {@code OrphanBlobSweepTest} tests the sweep.)
	 * @return what the kill left
	 */
	private static String assertAllOrNothing(JdbcClient db, Path dataDir, Path staging, BenchBrowser educator,
			String sectionPage, String sha256, String name) throws Exception {
		assertThat(stagedFiles(staging)).as("staging after the restart").isEmpty();
		long rows = db.sql("SELECT COUNT(*) FROM evidence_file WHERE sha256 = ?").param(sha256).query(Long.class).single();
		String page = educator.get(sectionPage).body();
		if (rows > 0) {
			assertConsistent(db, dataDir, staging);
			assertThat(page).contains(name);
			return "the upload had committed before the kill: the whole file is there (row, blob, usage) and listed";
		}
		assertThat(db.sql("SELECT COUNT(*) FROM evidence_blob").query(Long.class).single()).as("blob rows").isZero();
		assertThat(db.sql("SELECT COALESCE(SUM(bytes_used), 0) FROM evidence_usage").query(Long.class).single())
			.as("bytes counted against the submission")
			.isZero();
		assertThat(page).as("the section page").doesNotContain(name);
		Set<String> blobs = blobFiles(dataDir);
		if (blobs.isEmpty()) {
			return "nothing kept (no row, no blob, no usage, not listed), staging empty";
		}
		assertThat(blobs).as("the only file in the store").containsExactly(sha256);
		try (InputStream in = Files.newInputStream(blobPath(dataDir, sha256))) {
			assertThat(sha256(in)).as("the unreferenced blob is whole").isEqualTo(sha256);
		}
		return "no row, no usage, not listed, staging empty; the blob file stays in the store unreferenced"
				+ " (whole, invisible; the next upload of the same bytes adopts it, else OrphanBlobSweep deletes it"
				+ " once older than proofwork.evidence.orphan-grace)";
	}

	/** Every blob file has its row and every row its file; rows and usage agree; staging is empty. */
	private static void assertConsistent(JdbcClient db, Path dataDir, Path staging) throws IOException {
		assertThat(stagedFiles(staging)).as("staging").isEmpty();
		Set<String> rows = new TreeSet<>(db.sql("SELECT sha256 FROM evidence_blob").query(String.class).list());
		assertThat(blobFiles(dataDir)).as("blob files in the store = blob rows").isEqualTo(rows);
		assertThat(db.sql("SELECT COALESCE(SUM(bytes_used), 0) FROM evidence_usage").query(Long.class).single())
			.as("usage = the files' sizes")
			.isEqualTo(db.sql("SELECT COALESCE(SUM(size), 0) FROM evidence_file").query(Long.class).single());
		assertThat(db.sql("SELECT COUNT(*) FROM evidence_file f LEFT JOIN evidence_blob b ON b.sha256 = f.sha256"
				+ " WHERE b.sha256 IS NULL")
			.query(Long.class)
			.single()).as("rows without a blob row").isZero();
	}

	private static Set<String> blobFiles(Path dataDir) throws IOException {
		Path evidence = dataDir.resolve("evidence");
		if (!Files.isDirectory(evidence)) {
			return Set.of();
		}
		Path staging = evidence.resolve("staging");
		try (Stream<Path> files = Files.walk(evidence)) {
			return files.filter(Files::isRegularFile)
				.filter(file -> !file.startsWith(staging))
				.map(file -> file.getFileName().toString())
				.collect(Collectors.toCollection(TreeSet::new));
		}
	}

	private static Path blobPath(Path dataDir, String sha256) {
		return dataDir.resolve("evidence").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
	}

	private static List<Path> stagedFiles(Path staging) throws IOException {
		if (!Files.isDirectory(staging)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(staging)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	private static long largestStaged(Path staging) {
		try {
			long largest = 0;
			for (Path file : stagedFiles(staging)) {
				try {
					largest = Math.max(largest, Files.size(file));
				}
				catch (IOException ex) {
					// Deleted in between.
				}
			}
			return largest;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static CompletableFuture<HttpResponse<String>> upload(BenchBrowser educator, String base, String launch,
			String csrf, String target, String name, InputStream body, long length) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(base + "/launches/" + launch + "/workspace/sections/" + SECTION + "/files?" + target
					+ "&name=" + name))
			.header("Cookie", educator.cookieHeader())
			.header("X-CSRF-TOKEN", csrf)
			.header("Accept", "application/json")
			.header("Content-Type", "application/octet-stream")
			.timeout(Duration.ofMinutes(5))
			.PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length))
			.build();
		return BenchBrowser.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String download(BenchBrowser educator, String url) throws Exception {
		HttpResponse<InputStream> response = BenchBrowser.CLIENT.send(HttpRequest.newBuilder(URI.create(url))
			.header("Cookie", educator.cookieHeader())
			.timeout(Duration.ofMinutes(2))
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).as("download " + url).isEqualTo(200);
		try (InputStream in = response.body()) {
			return sha256(in);
		}
	}

	private static boolean failed(CompletableFuture<HttpResponse<String>> upload) throws InterruptedException {
		try {
			HttpResponse<String> response = upload.get(60, TimeUnit.SECONDS);
			System.out.println("answered: " + response.statusCode() + " " + response.body());
			return false;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return true;
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new AssertionError("no answer and no error 60 s after the kill");
		}
	}

	private static String describe(CompletableFuture<HttpResponse<String>> upload) {
		try {
			HttpResponse<String> response = upload.getNow(null);
			return response == null ? "pending" : response.statusCode() + " " + response.body();
		}
		catch (RuntimeException ex) {
			return ex.toString();
		}
	}

	private static String fileId(String json) {
		return JSON.readTree(json).path("files").get(0).asString();
	}

	private static String csrf(String page) {
		Matcher matcher = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
		if (!matcher.find()) {
			matcher = Pattern.compile("value=\"([^\"]+)\"\\s+name=\"_csrf\"").matcher(page);
			assertThat(matcher.find()).as("a CSRF token on the section page").isTrue();
		}
		return matcher.group(1);
	}

	static final int PHOTO_WIDTH = 8000;

	static final int PHOTO_HEIGHT = 5000;

	/** 40 megapixels (the limit is 50): a few seconds of decoding and re-encoding in the tool. */
	private static byte[] largePhoto() throws IOException {
		BufferedImage image = new BufferedImage(PHOTO_WIDTH, PHOTO_HEIGHT, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(7);
		for (int y = 0; y < PHOTO_HEIGHT; y++) {
			for (int x = 0; x < PHOTO_WIDTH; x++) {
				int noise = random.nextInt(16);
				int r = (x * 255 / PHOTO_WIDTH + noise) & 0xff;
				int g = (y * 255 / PHOTO_HEIGHT + noise) & 0xff;
				int b = ((x + y) % 256 + noise) & 0xff;
				image.setRGB(x, y, (r << 16) | (g << 8) | b);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		return out.toByteArray();
	}

	// -------------------------------------------------------------------------------------------- delivery drill

	@Test
	void deliveryKilledMidwayResumesAfterRestart() throws Throwable {
		MariaDb.recreate(DELIVERY_DATABASE);
		Path home = fresh(Path.of("target", "kill-drill", "delivery"));
		lms.server.stubFor(post(urlPathEqualTo("/platform/token")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"ags-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		lms.server.stubFor(get(urlPathEqualTo(LINE_ITEM)).willReturn(aResponse()
			.withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
			.withBody("{\"id\":\"" + lms.url(LINE_ITEM) + "\",\"label\":\"Community Partnerships\",\"scoreMaximum\":1.0}")));
		// A slow LMS: each score takes 400 ms, so delivery of 40 lasts a few seconds and some are in flight at the kill.
		lms.server.stubFor(post(urlPathEqualTo(LINE_ITEM + "/scores")).willReturn(aResponse().withStatus(200)
			.withFixedDelay(400)));
		ChildNode node = node("delivery", KillDrillNode.class.getName(), JVM_OPTIONS);
		List<String> args = new ArrayList<>(arguments(DELIVERY_DATABASE, home.resolve("data"), platforms(home),
				node.base()));
		args.addAll(List.of("--proofwork.gradebook.polling-interval=PT0.5S",
				"--proofwork.gradebook.heartbeat-interval=PT1S", "--proofwork.gradebook.first-retry-delay=PT0.5S",
				"--proofwork.gradebook.max-retry-delay=PT2S", "--proofwork.gradebook.max-attempts=1000"));
		List<String> firstArgs = new ArrayList<>(args);
		firstArgs.addAll(List.of("--drill.decisions=" + DECISIONS, "--drill.issuer=" + lms.issuer,
				"--drill.line-items=" + lms.url("/platform/lineitems?type_id=1"),
				"--drill.line-item=" + lms.url(LINE_ITEM + "?type_id=1")));
		JdbcClient db = jdbc(DELIVERY_DATABASE);
		StringBuilder report = new StringBuilder();
		try {
			Duration firstStart = node.start(firstArgs, READY_TIMEOUT);
			Duration firstCpu = node.cpuToReady();
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> scoreRequests().size() >= DECISIONS / 4);
			long pickedAtKill = picked(db);
			Instant killed = Instant.now();
			assertThat(node.kill()).as("ended by SIGKILL").isEqualTo(ChildNode.KILLED_BY_SIGKILL);
			List<ServeEvent> beforeKill = scoreRequests();
			long deliveredAtKill = delivered(db);
			long pickedAfterKill = picked(db);
			Duration restart = node.start(args, READY_TIMEOUT);
			Instant ready = Instant.now();
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> delivered(db) == DECISIONS);
			Instant done = Instant.now();
			Thread.sleep(2000);

			List<ServeEvent> all = scoreRequests();
			List<ServeEvent> afterRestart = all.stream()
				.filter(event -> event.getRequest().getLoggedDate().toInstant().isAfter(killed))
				.sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
				.toList();
			Map<String, Long> perLearner = all.stream()
				.collect(Collectors.groupingBy(KillNineDrillTest::learner, Collectors.counting()));
			List<String> duplicated = perLearner.entrySet()
				.stream()
				.filter(e -> e.getValue() > 1)
				.map(Map.Entry::getKey)
				.sorted()
				.toList();
			long duplicates = perLearner.values().stream().mapToLong(count -> count - 1).sum();
			Instant firstAfter = afterRestart.isEmpty() ? null : afterRestart.get(0).getRequest().getLoggedDate().toInstant();
			Instant lastDuplicate = afterRestart.stream()
				.filter(event -> duplicated.contains(learner(event)))
				.map(event -> event.getRequest().getLoggedDate().toInstant())
				.max(Comparator.naturalOrder())
				.orElse(null);
			report.append(String.format("first start: ready in %d ms (%d ms CPU); %d decisions; killed after %d score"
					+ " requests reached the LMS (%d marked delivered in the database, %d executions picked at the"
					+ " kill, %d still picked after it)%n", firstStart.toMillis(), firstCpu.toMillis(), DECISIONS,
					beforeKill.size(), deliveredAtKill, pickedAtKill, pickedAfterKill));
			report.append(String.format("restart: ready %d ms after the kill (JVM start to ready %d ms, %d ms CPU);"
					+ " first score request %s after ready; all %d delivered %d ms after ready%n",
					Duration.between(killed, ready).toMillis(), restart.toMillis(), node.cpuToReady().toMillis(),
					firstAfter == null ? "none" : Duration.between(ready, firstAfter).toMillis() + " ms", DECISIONS,
					Duration.between(ready, done).toMillis()));
			report.append(String.format("at the LMS: %d score requests for %d learners; duplicates %d %s%s%n",
					all.size(), perLearner.size(), duplicates, duplicated,
					lastDuplicate == null ? ""
							: String.format(" (the last re-sent %d ms after ready: dead-execution detection)",
									Duration.between(ready, lastDuplicate).toMillis())));
			assertThat(perLearner).as("every learner's score reached the LMS").hasSize(DECISIONS);
			assertThat(duplicates).as("duplicates only for executions that were picked (in flight) at the kill")
				.isLessThanOrEqualTo(pickedAfterKill)
				// A duplicate needs its first request at the platform before the kill: at most the requests in
				// flight to one host (proofwork.gradebook.max-in-flight-per-host, 4 by default).
				.isLessThanOrEqualTo(4);
			assertThat(deliveredAtKill).as("the kill came in the middle of delivery").isLessThan(DECISIONS);
			assertThat(db.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'score-delivery'")
				.query(Long.class)
				.single()).as("no execution left").isZero();
			print("Kill -9 delivery drill", report);
		}
		catch (Throwable failure) {
			System.out.println(report);
			System.out.println(node.output());
			throw failure;
		}
	}

	private List<ServeEvent> scoreRequests() {
		return lms.server.getAllServeEvents()
			.stream()
			.filter(event -> event.getRequest().getUrl().startsWith(LINE_ITEM + "/scores"))
			.toList();
	}

	private static String learner(ServeEvent event) {
		return JSON.readTree(event.getRequest().getBodyAsString()).path("userId").asString();
	}

	private static long picked(JdbcClient db) {
		return db.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'score-delivery' AND picked = TRUE")
			.query(Long.class)
			.single();
	}

	private static long delivered(JdbcClient db) {
		return db.sql("SELECT COUNT(*) FROM score_delivery WHERE state = 'DELIVERED'").query(Long.class).single();
	}

	// ------------------------------------------------------------------------------------------------- shared

	private ChildNode node(String name, String mainClass, List<String> jvmOptions) {
		ChildNode node = new ChildNode(name, mainClass, BenchBrowser.freePort(), jvmOptions);
		nodes.add(node);
		return node;
	}

	/** The production profile on MariaDB, with the same master key, data folder and database at every start. */
	private List<String> arguments(String database, Path dataDir, Path platforms, String base) {
		return List.of("--spring.profiles.active=mysql", "--proofwork.base-url=" + base,
				"--proofwork.keys.master-key=" + masterKey, "--proofwork.data-dir=" + dataDir.toAbsolutePath(),
				"--proofwork.lti.import-file=" + platforms.toAbsolutePath(), "--MYSQL_HOST=" + MariaDb.HOST,
				"--MYSQL_PORT=" + MariaDb.PORT, "--MYSQL_DATABASE=" + database, "--MYSQL_USER=" + MariaDb.USER,
				"--MYSQL_PASSWORD=" + MariaDb.PASSWORD, "--logging.structured.format.console=");
	}

	/** The test platform, registered at every start the way an operator automates it (proofwork.lti.import-file). */
	private Path platforms(Path home) throws IOException {
		var details = lms.details();
		String json = JSON.writeValueAsString(Map.of("platforms", List.of(Map.of("name", details.name(), "issuer",
				details.issuer(), "clientId", details.clientId(), "authorizationEndpoint",
				details.authorizationEndpoint().toString(), "tokenEndpoint", details.tokenEndpoint().toString(),
				"jwksUri", details.jwksUri().toString(), "deploymentIds", List.copyOf(details.deploymentIds())))));
		return Files.writeString(home.resolve("platforms.json"), json);
	}

	/** A complete LTI launch over HTTP, as LaunchBurstBenchmark does it; the launch's id. */
	private String launch(BenchBrowser browser, String base, String user) throws Exception {
		String target = base + "/lti/launch";
		HttpResponse<String> login = browser.get(base + "/lti/login?" + BenchBrowser.form(Map.of("iss", lms.issuer,
				"login_hint", user, "target_link_uri", target, "client_id", TestPlatform.CLIENT_ID)));
		assertThat(login.statusCode()).isEqualTo(302);
		HttpResponse<String> continued = browser.get(BenchBrowser.location(login, base));
		assertThat(continued.statusCode()).isEqualTo(302);
		String auth = BenchBrowser.location(continued, base);
		String token = lms.sign(lms.claims(BenchBrowser.query(auth, "nonce"), target, "Learner")
			.subject(user)
			.claim("name", "Drill Educator")
			.build());
		HttpResponse<String> launched = browser.post(target,
				Map.of("id_token", token, "state", BenchBrowser.query(auth, "state")));
		assertThat(launched.statusCode()).as(launched.body()).isEqualTo(302);
		String next = BenchBrowser.location(launched, base);
		for (int hop = 0; hop < 5; hop++) {
			HttpResponse<String> page = browser.get(next);
			if (page.statusCode() == 200) {
				Matcher matcher = Pattern.compile("/launches/([^/?#]+)/").matcher(next);
				assertThat(matcher.find()).as("a launch page: " + next).isTrue();
				return matcher.group(1);
			}
			assertThat(page.statusCode() / 100).as("page %s", next).isEqualTo(3);
			next = BenchBrowser.location(page, base);
		}
		throw new AssertionError("too many redirects");
	}

	private static JdbcClient jdbc(String database) {
		return JdbcClient.create(new DriverManagerDataSource(MariaDb.url(database), MariaDb.USER, MariaDb.PASSWORD));
	}

	private static Path fresh(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> files = Files.walk(directory)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
		}
		return Files.createDirectories(directory);
	}

	private static void print(String title, StringBuilder report) throws IOException {
		String text = String.format("%s (load average %s)%n%s", title, Files.readString(Path.of("/proc/loadavg")).trim(),
				report);
		System.out.println(text);
		Path file = Path.of("target", "kill-drill", title.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase() + ".txt");
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

	private static String sha256(InputStream content) throws IOException {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (InputStream in = new DigestInputStream(content, digest)) {
				in.transferTo(java.io.OutputStream.nullOutputStream());
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[32];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	/** Passes bytes on until {@code pauseAt}, then waits (a slow client) until released, then fails. */
	static final class PausedBody extends InputStream {

		final AtomicLong sent = new AtomicLong();

		private final InputStream content;

		private final long pauseAt;

		private final CountDownLatch released = new CountDownLatch(1);

		PausedBody(InputStream content, long pauseAt) {
			this.content = content;
			this.pauseAt = pauseAt;
		}

		void release() {
			released.countDown();
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			long already = sent.get();
			if (already >= pauseAt) {
				try {
					released.await(120, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				throw new InterruptedIOException("the drill stopped sending");
			}
			int read = content.read(buffer, offset, (int) Math.min(length, pauseAt - already));
			if (read > 0) {
				sent.addAndGet(read);
			}
			return read;
		}
	}
}
