package org.proofwork.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.proofwork.ProofworkApplication;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.testing.MariaDb;
import org.proofwork.testing.TestPlatform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assessor's review page of a submitted 20-photo essay, over real HTTP against the production {@code mysql}
 * profile on MariaDB (bench/review/README.md; project issue 7's target: p95 at most 50 ms of server time). Not part
 * of the build: {@code ./mvnw test -Dtest=ReviewPageBenchmark -Dbench=true}.
 *
 * <p>
 * An educator launches, uploads 20 photos through the workspace's uploader (the Community Partnerships credential's
 * photo essay), dates, places and describes each, answers the written parts and submits. Assessors (instructors of
 * the course) launch and GET the review page again and again: a warm-up, then one at a time and four at a time.
 * Server time is taken by a servlet filter in front of every other filter (Spring Security, Spring Session, the MVC
 * dispatcher and the page's rendering all inside it); client time around each request. Statements are counted in
 * the JDBC driver for the tool's request threads ({@link StatementLog}), next to MariaDB's global
 * {@code Questions} counter, which other programs on a shared server also move.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ReviewPageBenchmark {

	static final String DATABASE = "proofwork_review_bench";

	static final String CREDENTIAL = "community-partnerships-for-learning-and-family-well-being";

	static final int PHOTOS = 20;

	static final int REQUESTS = Integer.getInteger("bench.requests", 2000);

	static final int WARMUP = Integer.getInteger("bench.warmup", 300);

	static final Path FIXTURES = Path.of(System.getProperty("bench.photos", "../shared/fixtures/photo-essay"));

	static final Path REPORT = Path.of("target", "review-page-benchmark.txt");

	/** More arguments for the tool, to compare settings: {@code -Dbench.args="--a=b --c=d"}. */
	static final String[] EXTRA_ARGUMENTS = System.getProperty("bench.args", "").isBlank() ? new String[0]
			: System.getProperty("bench.args").strip().split("\\s+");

	static final Pattern REVIEW_PAGE = Pattern.compile("/launches/[^/]+/review/[^/]+");

	static final Pattern THUMBNAIL = Pattern.compile("<img[^>]*src=\"([^\"]*/files/[^\"?]+\\?thumbnail=true)\"");

	/** Server-side durations of the review page, recorded by the filter in front of all others. */
	static final Queue<Long> serverNanos = new ConcurrentLinkedQueue<>();

	/** CPU time of the request thread for the same requests: what a page costs, whatever else the machine runs. */
	static final Queue<Long> serverCpuNanos = new ConcurrentLinkedQueue<>();

	static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

	static volatile boolean recording;

	private String base;

	private TestPlatform lms;

	private ConfigurableApplicationContext tool;

	@Test
	void reviewPageOfATwentyPhotoSubmission() throws Exception {
		MariaDb.recreate(DATABASE);
		int port = BenchBrowser.freePort();
		base = "http://localhost:" + port;
		Path data = Path.of("target", "review-bench-data");
		deleteTree(data);
		StringBuilder report = new StringBuilder();
		try (TestPlatform platform = new TestPlatform(Clock.systemUTC());
				ConfigurableApplicationContext app = start(port, data)) {
			lms = platform;
			tool = app;
			tool.getBean(PlatformRegistry.class).register(lms.details(), Platform.Source.IMPORT);
			JdbcClient jdbc = tool.getBean(JdbcClient.class);

			long setupStart = System.nanoTime();
			String workspaceId = submitPhotoEssay();
			report.append(String.format(
					"Review page benchmark: profile mysql (MariaDB %s:%s/%s), %d CPUs, %s, heap max %d MB, load %s,"
							+ " extra arguments %s%n",
					MariaDb.HOST, MariaDb.PORT, DATABASE, Runtime.getRuntime().availableProcessors(),
					System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
					Runtime.getRuntime().maxMemory() >> 20, loadAverage(), List.of(EXTRA_ARGUMENTS)));
			report.append(String.format("Set-up: educator uploaded %d photos, answered, submitted in %.1f s"
					+ " (photos: %s)%n", PHOTOS, (System.nanoTime() - setupStart) / 1e9, photoSource()));

			List<Assessor> assessors = new ArrayList<>();
			for (int i = 1; i <= 4; i++) {
				assessors.add(assessor("bench-assessor-" + i, workspaceId));
			}
			report.append(checkPage(assessors.get(0), jdbc, workspaceId));

			run(assessors, 4, WARMUP);
			report.append(String.format("%nWarm-up: %d requests, 4 at a time (not counted)%n", WARMUP));

			Path jfr = Path.of("target", "review-bench.jfr");
			for (int concurrency : new int[] { 1, 4 }) {
				Map<String, Long> dbBefore = LaunchBurstBenchmark.dbStatus();
				long[] cpuBefore = LaunchBurstBenchmark.cpu();
				StatementLog.reset(false);
				serverNanos.clear();
				serverCpuNanos.clear();
				String load = loadAverage();
				Result result;
				double seconds;
				try (Recording jfrRecording = new Recording()) {
					jfrRecording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
					jfrRecording.start();
					long start = System.nanoTime();
					recording = true;
					result = run(assessors, concurrency, REQUESTS);
					recording = false;
					seconds = (System.nanoTime() - start) / 1e9;
					jfrRecording.stop();
					if (concurrency == 1) {
						jfrRecording.dump(jfr);
					}
				}
				long statements = StatementLog.total();
				Map<String, Long> dbAfter = LaunchBurstBenchmark.dbStatus();
				report.append(String.format("%n%d at a time: %d requests in %.1f s (%.0f pages/s), load before %s, after %s%n",
						concurrency, REQUESTS, seconds, REQUESTS / seconds, load, loadAverage()));
				report.append(String.format("  %-44s %6s %7s %7s %7s %7s%n", "", "n", "p50 ms", "p95 ms", "p99 ms", "max ms"));
				report.append(row("server (filter before all others)", new ArrayList<>(serverNanos)));
				report.append(row("server CPU time of the request thread", new ArrayList<>(serverCpuNanos)));
				report.append(row("client (request sent to body read)", new ArrayList<>(result.nanos)));
				report.append("  errors: ").append(result.errors.sum()).append(' ').append(result.errorKinds).append('\n');
				report.append(String.format("  statements per page (driver, tool request threads): %.2f;"
						+ " MariaDB global Questions delta per page: %.2f (includes other clients of the server)%n",
						(double) statements / REQUESTS,
						(double) (dbAfter.getOrDefault("Questions", 0L) - dbBefore.getOrDefault("Questions", 0L)) / REQUESTS));
				report.append(LaunchBurstBenchmark.costPerLaunch(dbBefore, dbAfter, cpuBefore, LaunchBurstBenchmark.cpu(),
						REQUESTS).replace("Per complete launch (sustained run)", "  Per page").replace("CPU per launch", "CPU per page"));
				assertThat(result.errors.sum()).as("errors at %d at a time", concurrency).isZero();
			}
			report.append(LaunchBurstBenchmark.profile(jfr).replace("sustained run", "run one at a time"));
			report.append(proofworkFrames(jfr));

			System.out.println(report);
			Files.createDirectories(REPORT.getParent());
			Files.writeString(REPORT, report.toString());
		}
	}

	/** One page, checked and taken apart: statements it sends, its size, its thumbnails served as separate requests. */
	private String checkPage(Assessor assessor, JdbcClient jdbc, String workspaceId) throws Exception {
		StatementLog.reset(true);
		HttpResponse<String> page = assessor.browser.get(assessor.page);
		Map<String, Long> statements = StatementLog.byStatement();
		long total = StatementLog.total();
		assertThat(page.statusCode()).as("review page").isEqualTo(200);
		String html = page.body();
		Files.writeString(Path.of("target", "review-page.html"), html);
		List<String> thumbnails = new ArrayList<>();
		Matcher matcher = THUMBNAIL.matcher(html);
		while (matcher.find()) {
			thumbnails.add(matcher.group(1).replace("&amp;", "&"));
		}
		Set<String> distinct = new LinkedHashSet<>(thumbnails);
		assertThat(distinct).as("one thumbnail per photo").hasSize(PHOTOS);
		assertThat(html).as("no photo inlined into the page").doesNotContain("data:image");
		long photoBytes = jdbc.sql("SELECT COALESCE(SUM(size), 0) FROM evidence_file WHERE workspace_id = :w")
			.param("w", workspaceId)
			.query(Long.class)
			.single();
		long thumbnailBytes = 0;
		List<Long> thumbnailNanos = new ArrayList<>();
		for (int pass = 0; pass < 5; pass++) {
			for (String url : distinct) {
				long t = System.nanoTime();
				HttpResponse<byte[]> thumbnail = assessor.browser.bytes(base + url);
				thumbnailNanos.add(System.nanoTime() - t);
				assertThat(thumbnail.statusCode()).as(url).isEqualTo(200);
				assertThat(thumbnail.headers().firstValue("Content-Type")).contains("image/jpeg");
				if (pass == 0) {
					BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(thumbnail.body()));
					assertThat(Math.max(image.getWidth(), image.getHeight())).as("thumbnail size").isLessThanOrEqualTo(320);
					thumbnailBytes += thumbnail.body().length;
				}
			}
		}
		StringBuilder out = new StringBuilder(String.format(
				"%nOne review page (first visit of assessor 1): %d bytes of HTML, %d statements sent by the request"
						+ " thread;%n  %d thumbnails as separate <img> requests (%d bytes together; the %d photos are %d bytes),"
						+ " no data: URI in the page%n", html.length(), total, distinct.size(), thumbnailBytes, PHOTOS,
				photoBytes));
		Collections.sort(thumbnailNanos);
		out.append(String.format("  thumbnail GET, client side, %d requests one at a time: p50 %.1f ms, p95 %.1f ms%n",
				thumbnailNanos.size(), pct(thumbnailNanos, 50), pct(thumbnailNanos, 95)));
		out.append("  statements of that request:\n");
		statements.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach(e -> out.append(String.format("    %3d  %s%n", e.getValue(), StatementLog.shortened(e.getKey()))));
		// A second request of the same page, as every later visit is (the first one marks the work under review).
		StatementLog.reset(true);
		assertThat(assessor.browser.get(assessor.page).statusCode()).isEqualTo(200);
		out.append(String.format("  a later visit of the same page: %d statements%n", StatementLog.total()));
		StatementLog.byStatement()
			.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach(e -> out.append(String.format("    %3d  %s%n", e.getValue(), StatementLog.shortened(e.getKey()))));
		return out.toString();
	}

	/** Latencies of a run: client side per request, errors. */
	static final class Result {

		final Queue<Long> nanos = new ConcurrentLinkedQueue<>();

		final LongAdder errors = new LongAdder();

		final Map<String, AtomicInteger> errorKinds = new java.util.concurrent.ConcurrentHashMap<>();

		void error(String kind) {
			errors.increment();
			errorKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
		}
	}

	/** {@code count} page requests, {@code concurrency} assessors at a time, each with a session of their own. */
	private Result run(List<Assessor> assessors, int concurrency, int count) throws Exception {
		Result result = new Result();
		AtomicInteger left = new AtomicInteger(count);
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			Assessor assessor = assessors.get(i);
			futures.add(pool.submit(() -> {
				while (left.getAndDecrement() > 0) {
					long t = System.nanoTime();
					try {
						HttpResponse<String> page = assessor.browser.get(assessor.page);
						result.nanos.add(System.nanoTime() - t);
						if (page.statusCode() != 200) {
							result.error("status " + page.statusCode());
						}
					}
					catch (Exception ex) {
						result.error(ex.getClass().getSimpleName());
					}
				}
			}));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		pool.shutdown();
		return result;
	}

	// ---- the submission -------------------------------------------------------------------------------------------

	/** The educator's launch, 20 photo uploads, the photo essay's fields, the written parts, the submission. */
	private String submitPhotoEssay() throws Exception {
		BenchBrowser educator = new BenchBrowser();
		String workspace = launch(educator, "bench-educator", "Learner");
		String launchBase = workspace.substring(0, workspace.indexOf("/workspace"));
		assertThat(workspace).endsWith("/workspace");
		String sectionUrl = base + launchBase + "/workspace/sections/photo-essay";
		String csrf = csrf(educator.get(sectionUrl).body());
		List<byte[]> photos = photos();
		for (int i = 0; i < PHOTOS; i++) {
			HttpResponse<String> upload = educator.put(sectionUrl + "/files?slot=image&group=photos&item=new&name="
					+ URLEncoder.encode(String.format("photo-%02d.jpg", i + 1), StandardCharsets.UTF_8), photos.get(i),
					Map.of("X-CSRF-TOKEN", csrf, "Accept", "application/json", "Content-Type", "application/octet-stream"));
			assertThat(upload.statusCode()).as("upload %d: %s", i + 1, upload.body()).isEqualTo(200);
		}
		JdbcClient jdbc = tool.getBean(JdbcClient.class);
		String html = educator.get(sectionUrl).body();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", csrf(html));
		form.put("revision", String.valueOf(revision(jdbc)));
		String[] phases = { "needs-assessment", "community-mapping", "action-planning", "event" };
		for (int i = 0; i < PHOTOS; i++) {
			String item = "item.photos." + i + ".";
			form.put(item + "_key", hidden(html, item + "_key"));
			form.put(item + "taken-on", LocalDate.of(2026, 9, 7).plusDays(2L * i).toString());
			form.put(item + "phase", phases[i * 4 / PHOTOS]);
			form.put(item + "description", "Photo " + (i + 1) + ": families and partners at work during the "
					+ phases[i * 4 / PHOTOS].replace('-', ' ') + " phase, with the school's community coordinator.");
		}
		assertThat(educator.post(sectionUrl, form).statusCode()).as("photo essay saved").isEqualTo(302);
		for (String section : List.of("part-1", "part-3")) {
			String url = base + launchBase + "/workspace/sections/" + section;
			String page = educator.get(url).body();
			Map<String, String> answers = new LinkedHashMap<>();
			answers.put("_csrf", csrf(page));
			answers.put("revision", String.valueOf(revision(jdbc)));
			Matcher prompt = Pattern.compile("name=\"(prompt\\.[a-z0-9-]+)\"").matcher(page);
			while (prompt.find()) {
				answers.put(prompt.group(1), words(section, 110));
			}
			assertThat(answers).hasSizeGreaterThan(2);
			assertThat(educator.post(url, answers).statusCode()).as(section + " saved").isEqualTo(302);
		}
		String submitPage = educator.get(base + launchBase + "/workspace/submit").body();
		HttpResponse<String> submitted = educator.post(base + launchBase + "/workspace/submit",
				Map.of("_csrf", csrf(submitPage), "revision", String.valueOf(revision(jdbc)), "confirm", "true"));
		assertThat(submitted.statusCode()).as("submitted").isEqualTo(302);
		String workspaceId = jdbc.sql("SELECT id FROM workspace WHERE owner_subject = 'bench-educator'")
			.query(String.class)
			.single();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM submission_version WHERE workspace_id = :w")
			.param("w", workspaceId)
			.query(Long.class)
			.single()).isEqualTo(1);
		return workspaceId;
	}

	private static long revision(JdbcClient jdbc) {
		return jdbc.sql("SELECT draft_revision FROM workspace WHERE owner_subject = 'bench-educator'")
			.query(Long.class)
			.single();
	}

	/** An assessor of the course, launched, with the review page of the submission as their page. */
	record Assessor(BenchBrowser browser, String page) {
	}

	private Assessor assessor(String subject, String workspaceId) throws Exception {
		BenchBrowser browser = new BenchBrowser();
		String landing = launch(browser, subject, "Instructor");
		assertThat(landing).endsWith("/review");
		return new Assessor(browser, base + landing + "/" + workspaceId);
	}

	/** A complete LTI launch over HTTP; returns the path of the page it lands on (after every redirect). */
	private String launch(BenchBrowser browser, String subject, String role) throws Exception {
		String target = base + "/lti/launch";
		HttpResponse<String> login = browser.get(base + "/lti/login?" + BenchBrowser.form(Map.of("iss", lms.issuer,
				"login_hint", subject, "target_link_uri", target, "client_id", TestPlatform.CLIENT_ID)));
		assertThat(login.statusCode()).isEqualTo(302);
		HttpResponse<String> continued = browser.get(BenchBrowser.location(login, base));
		assertThat(continued.statusCode()).isEqualTo(302);
		String auth = BenchBrowser.location(continued, base);
		String token = lms.sign(lms.claims(BenchBrowser.query(auth, "nonce"), target, role)
			.subject(subject)
			.claim("name", "Bench " + subject)
			.claim("email", subject + "@school.example")
			.claim("https://purl.imsglobal.org/spec/lti/claim/custom", Map.of("credential", CREDENTIAL))
			.build());
		HttpResponse<String> launched = browser.post(target, Map.of("id_token", token, "state",
				BenchBrowser.query(auth, "state")));
		assertThat(launched.statusCode()).as("launch").isEqualTo(302);
		String next = BenchBrowser.location(launched, base);
		for (int hop = 0; hop < 5; hop++) {
			HttpResponse<String> page = browser.get(next);
			if (page.statusCode() == 200) {
				return URI.create(next).getPath();
			}
			assertThat(page.statusCode() / 100).as("page %s", next).isEqualTo(3);
			next = BenchBrowser.location(page, base);
		}
		throw new AssertionError("too many redirects");
	}

	private static String csrf(String html) {
		return hidden(html, "_csrf");
	}

	private static String hidden(String html, String name) {
		Matcher matcher = Pattern.compile("name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
		if (!matcher.find()) {
			throw new AssertionError("no field " + name + " in the page");
		}
		return matcher.group(1);
	}

	private static String words(String topic, int count) {
		StringBuilder text = new StringBuilder();
		String[] vocabulary = { "families", "school", "partners", "reading", "library", "evening", "community",
				"children", "teachers", "survey", "needs", "plan", "goals", "support", "learning" };
		for (int i = 0; i < count; i++) {
			text.append(i == 0 ? topic : vocabulary[(i * 7) % vocabulary.length]).append(i % 12 == 11 ? ". " : " ");
		}
		return text.toString().strip();
	}

	/** The twelve fixture photos where they are, and generated ones (1600x1200, distinct bytes) for the rest. */
	private static List<byte[]> photos() throws IOException {
		List<byte[]> photos = new ArrayList<>();
		for (int i = 1; i <= 12 && Files.isDirectory(FIXTURES); i++) {
			Path file = FIXTURES.resolve(String.format("photo-%02d.jpg", i));
			if (Files.isRegularFile(file)) {
				photos.add(Files.readAllBytes(file));
			}
		}
		Random random = new Random(7);
		while (photos.size() < PHOTOS) {
			BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
			Graphics2D g = image.createGraphics();
			g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xffffff)), 1600, 1200,
					new Color(random.nextInt(0xffffff))));
			g.fillRect(0, 0, 1600, 1200);
			g.setColor(Color.WHITE);
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 160));
			g.drawString("Photo " + (photos.size() + 1), 300, 650);
			g.dispose();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			ImageIO.write(image, "jpg", bytes);
			photos.add(bytes.toByteArray());
		}
		return photos;
	}

	private static String photoSource() {
		long fixtures = 0;
		for (int i = 1; i <= 12 && Files.isDirectory(FIXTURES); i++) {
			if (Files.isRegularFile(FIXTURES.resolve(String.format("photo-%02d.jpg", i)))) {
				fixtures++;
			}
		}
		return fixtures + " fixtures from " + FIXTURES + ", " + (PHOTOS - fixtures) + " generated 1600x1200 JPEGs";
	}

	// ---- measuring --------------------------------------------------------------------------------------------------

	/** Times every review page request from before the first filter to after the last byte is handed to Tomcat. */
	static FilterRegistrationBean<Filter> timingFilter() {
		Filter filter = (request, response, chain) -> {
			long start = System.nanoTime();
			long cpu = THREADS.getCurrentThreadCpuTime();
			try {
				chain.doFilter(request, response);
			}
			finally {
				if (recording && request instanceof HttpServletRequest http
						&& REVIEW_PAGE.matcher(http.getRequestURI()).matches() && "GET".equals(http.getMethod())) {
					serverNanos.add(System.nanoTime() - start);
					serverCpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpu);
				}
			}
		};
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.addUrlPatterns("/launches/*");
		return registration;
	}

	/** Where the request threads' samples are, by the innermost Proofwork method on the stack. */
	static String proofworkFrames(Path jfr) throws IOException {
		Map<String, Integer> frames = new LinkedHashMap<>();
		int server = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
					|| event.getThread("sampledThread") == null
					|| !String.valueOf(event.getThread("sampledThread").getJavaName()).startsWith("http-nio")) {
				continue;
			}
			server++;
			String frame = "(no Proofwork frame: filters, Tomcat)";
			for (RecordedFrame f : event.getStackTrace().getFrames()) {
				String type = f.getMethod().getType().getName();
				if (type.startsWith("org.proofwork.")) {
					frame = type.substring("org.proofwork.".length()) + "." + f.getMethod().getName();
					break;
				}
			}
			frames.merge(frame, 1, Integer::sum);
		}
		int all = Math.max(1, server);
		StringBuilder out = new StringBuilder("Tool request threads, by the innermost Proofwork method on the stack:\n");
		frames.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(15)
			.forEach(e -> out.append(String.format("  %5.1f %%  %s%n", 100.0 * e.getValue() / all, e.getKey())));
		return out.toString();
	}

	private static String row(String label, List<Long> nanos) {
		Collections.sort(nanos);
		if (nanos.isEmpty()) {
			return String.format("  %-44s %6d%n", label, 0);
		}
		return String.format("  %-44s %6d %7.1f %7.1f %7.1f %7.1f%n", label, nanos.size(), pct(nanos, 50),
				pct(nanos, 95), pct(nanos, 99), nanos.get(nanos.size() - 1) / 1e6);
	}

	static double pct(List<Long> sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (var paths = Files.walk(root)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
				try {
					Files.delete(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	private static ConfigurableApplicationContext start(int port, Path data) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + port, "--proofwork.base-url=http://localhost:" + port,
					"--proofwork.data-dir=" + data, "--MYSQL_HOST=" + MariaDb.HOST, "--MYSQL_PORT=" + MariaDb.PORT,
					"--MYSQL_DATABASE=" + DATABASE, "--MYSQL_USER=" + MariaDb.USER,
					"--MYSQL_PASSWORD=" + MariaDb.PASSWORD,
					"--spring.datasource.hikari.data-source-properties.queryInterceptors="
							+ StatementLog.class.getName(),
					"--logging.level.org.proofwork=WARN"));
		arguments.addAll(List.of(EXTRA_ARGUMENTS));
		return new SpringApplicationBuilder(ProofworkApplication.class).profiles("mysql")
			.initializers(context -> ((GenericApplicationContext) context).registerBean("reviewBenchTiming",
					FilterRegistrationBean.class, ReviewPageBenchmark::timingFilter))
			.run(arguments.toArray(String[]::new));
	}
}
