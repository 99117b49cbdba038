package org.proofwork.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.proofwork.ProofworkApplication;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.testing.PrivateMariaDb;
import org.proofwork.testing.TestPlatform;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault drill (bench/drills/README.md, "MariaDB restart"): the database restarts while educators work. The tool runs
 * in this JVM on the production {@code mysql} profile against a MariaDB server of the drill's own
 * ({@link PrivateMariaDb}; the shared server is never touched). Eight educators launch over HTTP, then each in a loop
 * autosaves its Part 1 text (as workspace.js does: POST with {@code Accept: application/json}) and reads its
 * workspace page. Mid-load the server is stopped (SIGTERM, or SIGKILL for a crash) for a few seconds and started
 * again on the same port and data directory. (10 s by default: a refused request takes the pool's 5 s connection
 * timeout, so a shorter outage has hardly any request that starts and ends inside it.)
 * <p>
 * Asserted: while it is down, pages get the tool's own 503 page (a person-readable message and the request id, no
 * stack trace) and autosaves get 503 problem JSON, within a bound, never a hang; readiness stays UP (a shared
 * database outage is no reason for the load balancer to drop every node) while {@code /actuator/health} says DOWN;
 * after the restart every educator's requests succeed again without restarting the tool; every save the tool
 * acknowledged is in the database.
 * <p>
 * Not part of the build: {@code ./mvnw -q -B test -Dtest=DatabaseRestartDrillTest -Dbench=true}
 * ({@code -Dbench.outageSeconds=10}, {@code -Dbench.educators=8}).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class DatabaseRestartDrillTest {

	static final int EDUCATORS = Integer.getInteger("bench.educators", 8);

	static final int OUTAGE_SECONDS = Integer.getInteger("bench.outageSeconds", 10);

	/** A failed request must be answered within this: Hikari's connection timeout (5 s) and some room. */
	static final Duration FAIL_FAST = Duration.ofSeconds(10);

	/** Every educator must have been served again within this after the database accepts connections. */
	static final Duration RECOVERY_LIMIT = Duration.ofSeconds(20);

	static final String SECTION = "part-1";

	static final String PROMPT = "prompt.why-this-micro-credential";

	static final Path REPORT = Path.of("target", "database-restart-drill.txt");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	static final Pattern REVISION = Pattern.compile("name=\"revision\"\\s+value=\"(\\d+)\"");

	/** What must never reach a person: exception class names, stack frames, SQL and driver internals. */
	static final Pattern LEAK = Pattern.compile(
			"Exception|\\bat (org|java|com|jdk)\\.|SQLState|jdbc|Hikari|Communications link|Connection refused|mariadb|mysql",
			Pattern.CASE_INSENSITIVE);

	/** Long enough for the slowest failure, so a hang is measured instead of cut off. */
	static final HttpClient CLIENT = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	static PrivateMariaDb db;

	static final StringBuilder REPORT_TEXT = new StringBuilder();

	enum Fault {
		SIGTERM, SIGKILL
	}

	enum Kind {
		SAVE, PAGE
	}

	/** One request: when it started and ended (ns), what it was, what came back. */
	record Op(int educator, Kind kind, long start, long end, int status, String contentType, String problem) {

		long millis() {
			return (end - start) / 1_000_000;
		}
	}

	/** A save the client sent: its text and, when acknowledged, the revision the tool answered with. */
	record Save(int educator, String text, long start, long end, int status, int revision) {
	}

	final String masterKey = Base64.getEncoder().encodeToString(randomBytes());

	final TestPlatform lms = new TestPlatform(Clock.systemUTC());

	ConfigurableApplicationContext tool;

	@BeforeAll
	static void startDatabase() {
		db = PrivateMariaDb.create();
	}

	@AfterAll
	static void stopDatabase() throws Exception {
		if (db != null) {
			db.close();
		}
		Files.createDirectories(REPORT.getParent());
		Files.writeString(REPORT, REPORT_TEXT.toString());
	}

	@AfterEach
	void stopTool() {
		if (tool != null && tool.isActive()) {
			tool.close();
		}
		lms.close();
	}

	@Test
	void cleanDatabaseRestart() throws Exception {
		drill(Fault.SIGTERM);
	}

	@Test
	void databaseCrash() throws Exception {
		drill(Fault.SIGKILL);
	}

	private void drill(Fault fault) throws Exception {
		if (!db.isRunning()) {
			db.start();
		}
		String database = "proofwork_drill_" + fault.name().toLowerCase();
		int port = BenchBrowser.freePort();
		String base = "http://localhost:" + port;
		tool = start(port, database);
		Platform platform = tool.getBean(PlatformRegistry.class).register(lms.details(), Platform.Source.IMPORT);
		assertThat(platform).isNotNull();

		List<Educator> educators = new ArrayList<>();
		for (int i = 0; i < EDUCATORS; i++) {
			educators.add(Educator.launch(i, base, lms));
		}

		ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Save> saves = new ConcurrentLinkedQueue<>();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService pool = Executors.newFixedThreadPool(EDUCATORS);
		List<Future<?>> load = new ArrayList<>();
		long began = System.nanoTime();
		for (Educator educator : educators) {
			load.add(pool.submit(() -> {
				educator.work(running, ops, saves);
				return null;
			}));
		}
		Thread.sleep(5000);

		String load0 = loadAverage();
		long down = System.nanoTime();
		Duration stopTook = fault == Fault.SIGTERM ? db.stop() : db.crash();
		long stopped = System.nanoTime();
		// Probes while it is down: readiness (the load balancer's check), liveness, the full health.
		Thread.sleep(1000);
		Probe readiness = probe(base + "/actuator/health/readiness");
		Probe liveness = probe(base + "/actuator/health/liveness");
		Probe health = probe(base + "/actuator/health");
		Thread.sleep(Math.max(0, Duration.ofSeconds(OUTAGE_SECONDS).toMillis() - (System.nanoTime() - down) / 1_000_000));
		long restartBegan = System.nanoTime();
		db.start();
		long up = System.nanoTime();
		Thread.sleep(RECOVERY_LIMIT.toMillis());
		running.set(false);
		for (Future<?> future : load) {
			future.get();
		}
		pool.shutdown();
		Probe readinessAfter = probe(base + "/actuator/health/readiness");
		Probe healthAfter = probe(base + "/actuator/health");

		// The stored drafts, read straight from the database.
		Map<Integer, Stored> stored = new java.util.TreeMap<>();
		try (Connection connection = db.connect(database);
				PreparedStatement select = connection
					.prepareStatement("SELECT draft, draft_revision FROM workspace WHERE owner_subject = ?")) {
			for (Educator educator : educators) {
				select.setString(1, educator.subject);
				try (ResultSet row = select.executeQuery()) {
					assertThat(row.next()).as("workspace of %s", educator.subject).isTrue();
					stored.put(educator.index, new Stored(row.getInt("draft_revision"), row.getString("draft")));
				}
			}
		}

		// Classify by when a request started: before the fault, in flight at it, while the server was down (its answer
		// may come after the restart began: a request waiting for a connection then gets one), after it was back.
		List<Op> all = new ArrayList<>(ops);
		List<Op> before = all.stream().filter(op -> op.end < down).toList();
		List<Op> atFault = all.stream().filter(op -> op.start < stopped && op.end >= down).toList();
		List<Op> whileDown = all.stream().filter(op -> op.start >= stopped && op.start < restartBegan).toList();
		List<Op> outage = whileDown.stream().filter(op -> op.end <= restartBegan).toList();
		List<Op> straddling = whileDown.stream().filter(op -> op.end > restartBegan).toList();
		List<Op> after = all.stream().filter(op -> op.start >= up).toList();
		List<Op> failedOutage = whileDown.stream().filter(op -> op.status != 200 && op.status != 409).toList();

		// Recovery: per educator, the end of its first successful save and first successful page after the database is up.
		List<Long> recoveries = new ArrayList<>();
		for (Educator educator : educators) {
			long firstSave = after.stream()
				.filter(op -> op.educator == educator.index && op.kind == Kind.SAVE && op.status == 200)
				.mapToLong(Op::end)
				.min()
				.orElse(Long.MAX_VALUE);
			long firstPage = after.stream()
				.filter(op -> op.educator == educator.index && op.kind == Kind.PAGE && op.status == 200)
				.mapToLong(Op::end)
				.min()
				.orElse(Long.MAX_VALUE);
			long both = Math.max(firstSave, firstPage);
			recoveries.add(both == Long.MAX_VALUE ? Long.MAX_VALUE : (both - up) / 1_000_000);
		}
		long firstSuccess = after.stream().filter(op -> op.status == 200).mapToLong(Op::end).min().orElse(Long.MAX_VALUE);
		List<Op> failedAfter = after.stream().filter(op -> op.status != 200 && op.status != 409).toList();

		// Saves: acknowledged (200 + revision), refused (503), unknown (no answer, or a failure at the fault).
		List<Save> allSaves = new ArrayList<>(saves);
		long acknowledged = allSaves.stream().filter(s -> s.status == 200).count();
		long refused = allSaves.stream().filter(s -> s.status == 503).count();
		long conflicts = allSaves.stream().filter(s -> s.status == 409).count();
		int found = 0;
		List<String> lost = new ArrayList<>();
		for (Educator educator : educators) {
			List<Save> mine = allSaves.stream().filter(s -> s.educator == educator.index).toList();
			Save lastAck = mine.stream()
				.filter(s -> s.status == 200)
				.max(java.util.Comparator.comparingInt(Save::revision))
				.orElseThrow();
			Stored row = stored.get(educator.index);
			if (row.revision == lastAck.revision && row.draft.contains(lastAck.text)) {
				found++;
			}
			else if (row.revision > lastAck.revision && mine.stream()
				.filter(s -> s.status != 200 && s.start > lastAck.start)
				.anyMatch(s -> row.draft.contains(s.text))) {
				// A save whose answer was lost (the failure came after its commit) holds the newer revision.
				found++;
			}
			else {
				lost.add(educator.subject + ": acknowledged r" + lastAck.revision + " '" + lastAck.text + "', stored r"
						+ row.revision);
			}
		}

		String report = String.format("""
				Database restart drill (%s of mariadbd), %d educators, server down %.1f s (stop took %d ms), load average at the fault: %s
				  requests before the fault: %d (%d failed)
				  in flight at the fault: %d: %s; answer time max %d ms
				  started while down: %d, failed %d: %s; answer time of the failures: median %d ms, max %d ms
				    of which answered before the restart began: %d %s, after: %d %s
				  probes while down: readiness %d %s, liveness %d %s, health %d %s (%d ms)
				  first success %d ms after the database accepted connections; every educator served again (save and page) after: median %d ms, max %d ms
				  requests after the restart: %d, failed %d: %s
				  probes after: readiness %d, health %d
				  saves: %d sent, %d acknowledged, %d refused with 503, %d conflicts (answer lost at the fault, then a 409), other %d
				  last acknowledged save per educator found in the database: %d of %d %s
				  load average at the end: %s
				""", fault, EDUCATORS, (restartBegan - down) / 1e9, stopTook.toMillis(), load0, before.size(),
				before.stream().filter(op -> op.status != 200).count(), atFault.size(), statuses(atFault), max(atFault),
				whileDown.size(), failedOutage.size(), statuses(failedOutage), median(failedOutage), max(failedOutage),
				outage.size(), statuses(outage), straddling.size(), statuses(straddling), readiness.status, readiness.body, liveness.status,
				liveness.body, health.status, health.body, health.millis,
				firstSuccess == Long.MAX_VALUE ? -1 : (firstSuccess - up) / 1_000_000, medianOf(recoveries),
				Collections.max(recoveries), after.size(), failedAfter.size(), statuses(failedAfter),
				readinessAfter.status, healthAfter.status, allSaves.size(), acknowledged, refused, conflicts,
				allSaves.size() - acknowledged - refused - conflicts, found, EDUCATORS, lost, loadAverage());
		System.out.print(report);
		synchronized (REPORT_TEXT) {
			REPORT_TEXT.append(report).append('\n');
		}
		assertThat(System.nanoTime() - began).isPositive();

		assertThat(before).as("requests before the fault").allSatisfy(op -> assertThat(op.status).isEqualTo(200));
		assertThat(whileDown).as("requests started while the database was down").isNotEmpty();
		assertThat(failedOutage).as("requests refused while the database was down").isNotEmpty();
		assertThat(outage).as("requests started and answered while the database was down all fail with 503")
			.allSatisfy(op -> assertThat(op.status).as("%s", op).isEqualTo(503));
		assertThat(whileDown).as("requests started while the database was down: 503, or served once it was back")
			.allSatisfy(op -> assertThat(op.status == 503 || op.end > restartBegan && (op.status == 200 || op.status == 409))
				.as("%s", op)
				.isTrue());
		assertThat(failedOutage).as("failures answered within %s, never a hang", FAIL_FAST)
			.allSatisfy(op -> assertThat(op.millis()).as("%s", op).isLessThan(FAIL_FAST.toMillis()));
		// Every refusal, at the fault or while down, is the tool's own: the page for people, problem JSON for autosaves.
		List<Op> refusals = java.util.stream.Stream.concat(atFault.stream(), whileDown.stream())
			.filter(op -> op.status == 503)
			.toList();
		assertThat(refusals.stream().filter(op -> op.kind == Kind.PAGE)).as("pages refused")
			.isNotEmpty()
			.allSatisfy(op -> assertThat(op.problem).as("page problem of %s", op).isNull());
		assertThat(refusals.stream().filter(op -> op.kind == Kind.SAVE)).as("autosaves refused")
			.isNotEmpty()
			.allSatisfy(op -> assertThat(op.problem).as("autosave problem of %s", op).isNull());
		// In flight at the fault: a response already being written when the server died can only be cut off (-1);
		// anything the tool could still answer is the 503 page or problem JSON, never a 500.
		assertThat(atFault).as("requests in flight at the fault")
			.allSatisfy(op -> assertThat(op.status).as("%s", op).isIn(200, 409, 503, -1))
			.allSatisfy(op -> assertThat(op.status != 503 || op.problem == null).as("%s", op).isTrue())
			.allSatisfy(op -> assertThat(op.millis()).as("%s", op).isLessThan(FAIL_FAST.toMillis()));

		assertThat(readiness.status).as("readiness while the database is down: %s", readiness.body).isEqualTo(200);
		assertThat(liveness.status).as("liveness while the database is down").isEqualTo(200);
		assertThat(health.status).as("health while the database is down: %s", health.body).isEqualTo(503);
		assertThat(readinessAfter.status).isEqualTo(200);
		assertThat(healthAfter.status).as("health after the restart").isEqualTo(200);

		assertThat(recoveries).as("ms until each educator was served again")
			.allSatisfy(ms -> assertThat(ms).isLessThan(RECOVERY_LIMIT.toMillis()));
		assertThat(acknowledged).isPositive();
		assertThat(refused).as("saves refused while down").isPositive();
		assertThat(lost).as("acknowledged saves missing from the database").isEmpty();
		assertThat(found).isEqualTo(EDUCATORS);
	}

	record Stored(int revision, String draft) {
	}

	record Probe(int status, String body, long millis) {
	}

	/** One educator: a session from a launch, its section's form token and revision, and its loop of work. */
	static final class Educator {

		final int index;

		final String subject;

		final BenchBrowser browser = new BenchBrowser();

		final String base;

		String workspace;

		String csrf;

		int revision;

		int counter;

		private Educator(int index, String base) {
			this.index = index;
			this.subject = "drill-educator-" + index;
			this.base = base;
		}

		static Educator launch(int index, String base, TestPlatform lms) throws Exception {
			Educator educator = new Educator(index, base);
			String target = base + "/lti/launch";
			BenchBrowser browser = educator.browser;
			HttpResponse<String> login = browser.get(base + "/lti/login?" + BenchBrowser.form(Map.of("iss",
					lms.issuer, "login_hint", educator.subject, "target_link_uri", target, "client_id",
					TestPlatform.CLIENT_ID)));
			HttpResponse<String> continued = browser.get(BenchBrowser.location(login, base));
			String auth = BenchBrowser.location(continued, base);
			String token = lms.sign(lms.claims(BenchBrowser.query(auth, "nonce"), target, "Learner")
				.subject(educator.subject)
				.claim("name", "Drill Educator " + index)
				.build());
			HttpResponse<String> launched = browser.post(target,
					Map.of("id_token", token, "state", BenchBrowser.query(auth, "state")));
			assertThat(launched.statusCode()).as("launch of %s", educator.subject).isEqualTo(302);
			String next = BenchBrowser.location(launched, base);
			for (int hop = 0; hop < 5; hop++) {
				HttpResponse<String> page = browser.get(next);
				if (page.statusCode() == 200) {
					break;
				}
				next = BenchBrowser.location(page, base);
			}
			educator.workspace = URI.create(next).getPath();
			assertThat(educator.workspace).endsWith("/workspace");
			educator.openSection();
			return educator;
		}

		/** Reads the section page as the browser does: the form's CSRF token and the revision it shows. */
		void openSection() throws Exception {
			HttpResponse<String> section = browser.get(base + workspace + "/sections/" + SECTION);
			assertThat(section.statusCode()).isEqualTo(200);
			csrf = find(CSRF, section.body());
			revision = Integer.parseInt(find(REVISION, section.body()));
		}

		void work(AtomicBoolean running, ConcurrentLinkedQueue<Op> ops, ConcurrentLinkedQueue<Save> saves)
				throws InterruptedException {
			while (running.get()) {
				save(ops, saves);
				page(ops);
				Thread.sleep(100 + ThreadLocalRandom.current().nextInt(100));
			}
		}

		private void save(ConcurrentLinkedQueue<Op> ops, ConcurrentLinkedQueue<Save> saves) {
			String text = "Draft by " + subject + ", save " + (++counter) + ".";
			String form = BenchBrowser.form(Map.of("_csrf", csrf, "revision", Integer.toString(revision), PROMPT, text));
			long start = System.nanoTime();
			HttpResponse<String> response;
			try {
				response = send(HttpRequest.newBuilder(URI.create(base + workspace + "/sections/" + SECTION))
					.header("Accept", "application/json")
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form)));
			}
			catch (Exception ex) {
				long end = System.nanoTime();
				ops.add(new Op(index, Kind.SAVE, start, end, -1, null, ex.getClass().getSimpleName()));
				saves.add(new Save(index, text, start, end, -1, -1));
				return;
			}
			long end = System.nanoTime();
			int status = response.statusCode();
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			String problem = null;
			int acknowledged = -1;
			if (status == 200) {
				acknowledged = JSON.readTree(response.body()).path("revision").asInt(-1);
				revision = acknowledged;
			}
			else if (status == 409) {
				// The answer to an earlier save was lost after it committed: like the person, reload and go on.
				revision = JSON.readTree(response.body()).path("revision").asInt();
			}
			else {
				problem = problemJsonIssue(response);
			}
			ops.add(new Op(index, Kind.SAVE, start, end, status, contentType, problem));
			saves.add(new Save(index, text, start, end, status, acknowledged));
		}

		private void page(ConcurrentLinkedQueue<Op> ops) {
			long start = System.nanoTime();
			HttpResponse<String> response;
			try {
				response = send(HttpRequest.newBuilder(URI.create(base + workspace)).header("Accept", "text/html").GET());
			}
			catch (Exception ex) {
				ops.add(new Op(index, Kind.PAGE, start, System.nanoTime(), -1, null, ex.getClass().getSimpleName()));
				return;
			}
			long end = System.nanoTime();
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			String problem = response.statusCode() == 200 ? null : errorPageIssue(response);
			ops.add(new Op(index, Kind.PAGE, start, end, response.statusCode(), contentType, problem));
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			return browser.send(request.timeout(Duration.ofSeconds(60)), CLIENT);
		}
	}

	/** What is wrong with an error page, or null: it must be the tool's page with the request id and nothing internal. */
	static String errorPageIssue(HttpResponse<String> response) {
		String body = response.body();
		String id = response.headers().firstValue("X-Request-Id").orElse("");
		if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
			return "not HTML: " + response.headers().firstValue("Content-Type").orElse("none");
		}
		if (id.isEmpty() || !body.contains(id)) {
			return "no request id on the page";
		}
		if (!body.contains("Your work since the last save was not saved")) {
			return "not the database-unavailable page: " + snippet(body);
		}
		Matcher leak = LEAK.matcher(body);
		if (leak.find()) {
			return "leaks '" + leak.group() + "'";
		}
		return null;
	}

	/** What is wrong with a refused save's answer, or null: problem JSON with a detail and the request id. */
	static String problemJsonIssue(HttpResponse<String> response) {
		if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
			return "not problem JSON: " + response.headers().firstValue("Content-Type").orElse("none") + " "
					+ snippet(response.body());
		}
		JsonNode problem = JSON.readTree(response.body());
		if (problem.path("status").asInt() != response.statusCode() || problem.path("detail").asString("").isBlank()
				|| !problem.path("requestId").asString("").equals(response.headers().firstValue("X-Request-Id").orElse(""))) {
			return "incomplete problem: " + response.body();
		}
		Matcher leak = LEAK.matcher(response.body());
		if (leak.find()) {
			return "leaks '" + leak.group() + "'";
		}
		return null;
	}

	private static Probe probe(String url) {
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = CLIENT.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return new Probe(response.statusCode(), response.body(), (System.nanoTime() - start) / 1_000_000);
		}
		catch (Exception ex) {
			return new Probe(-1, ex.toString(), (System.nanoTime() - start) / 1_000_000);
		}
	}

	private static String statuses(List<Op> ops) {
		return ops.stream()
			.collect(Collectors.groupingBy(op -> op.kind + " " + op.status + (op.problem == null ? "" : " (" + op.problem + ")"),
					java.util.TreeMap::new, Collectors.counting()))
			.toString();
	}

	private static long median(List<Op> ops) {
		return medianOf(ops.stream().map(Op::millis).toList());
	}

	private static long max(List<Op> ops) {
		return ops.stream().mapToLong(Op::millis).max().orElse(-1);
	}

	private static long medianOf(List<Long> values) {
		if (values.isEmpty()) {
			return -1;
		}
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private static String find(Pattern pattern, String body) {
		Matcher matcher = pattern.matcher(body);
		assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
		return matcher.group(1);
	}

	private static String snippet(String body) {
		String flat = body.replaceAll("\\s+", " ");
		return flat.substring(0, Math.min(300, flat.length()));
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (Exception ex) {
			return "?";
		}
	}

	private ConfigurableApplicationContext start(int port, String database) {
		return new SpringApplicationBuilder(ProofworkApplication.class).profiles("mysql")
			.run("--server.port=" + port, "--proofwork.base-url=http://localhost:" + port,
					"--proofwork.keys.master-key=" + masterKey, "--proofwork.data-dir=target/database-restart-drill",
					"--MYSQL_HOST=" + PrivateMariaDb.HOST, "--MYSQL_PORT=" + db.port(), "--MYSQL_DATABASE=" + database,
					"--MYSQL_USER=" + PrivateMariaDb.USER, "--MYSQL_PASSWORD=" + PrivateMariaDb.PASSWORD,
					"--logging.structured.format.console=", "--logging.level.org.proofwork=WARN");
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[32];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}
}
