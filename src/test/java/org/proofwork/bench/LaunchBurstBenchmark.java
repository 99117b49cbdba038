package org.proofwork.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of complete LTI launches over real HTTP against the production profile on MariaDB (see
 * bench/launch/README.md). Not part of the build: {@code ./mvnw test -Dtest=LaunchBurstBenchmark -Dbench=true}.
 *
 * <p>
 * Each user is a person of its own (own {@code sub}, own cookie store): GET /lti/login, GET /lti/login/continue, the
 * platform signs the id_token for the nonce it was given, POST /lti/launch, then GET the first page (the educator
 * workspace of the credential named in the link's custom parameter) following redirects to the final 200.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class LaunchBurstBenchmark {

	static final String DATABASE = "proofwork_bench_launch";

	static final int USERS = Integer.getInteger("bench.users", 300);

	static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);

	static final int WARMUP = Integer.getInteger("bench.warmup", 100);

	static final int SUSTAINED_SECONDS = Integer.getInteger("bench.seconds", 20);

	static final Path REPORT = Path.of("target", "launch-burst-benchmark.txt");

	enum Step {

		LOGIN("GET /lti/login"), CONTINUE("GET /lti/login/continue"), SIGN("platform signs id_token (client side)"),
		LAUNCH("POST /lti/launch"), PAGE("GET first page (each request)"), PAGE_ALL("first page incl. redirects"),
		COMPLETE("complete launch");

		final String label;

		Step(String label) {
			this.label = label;
		}
	}

	/** Latencies of one run, per step. */
	static final class Run {

		final Map<Step, ConcurrentLinkedQueue<Long>> nanos = new EnumMap<>(Step.class);

		final LongAdder errors = new LongAdder();

		final Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();

		final LongAdder completed = new LongAdder();

		Run() {
			for (Step step : Step.values()) {
				nanos.put(step, new ConcurrentLinkedQueue<>());
			}
		}

		void record(Step step, long started) {
			nanos.get(step).add(System.nanoTime() - started);
		}

		void error(String kind) {
			errors.increment();
			errorKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
		}

		String table() {
			StringBuilder out = new StringBuilder(String.format("  %-40s %7s %8s %8s %8s %8s%n", "step", "n", "p50 ms",
					"p95 ms", "p99 ms", "max ms"));
			for (Step step : Step.values()) {
				List<Long> values = new ArrayList<>(nanos.get(step));
				if (values.isEmpty()) {
					continue;
				}
				Collections.sort(values);
				out.append(String.format("  %-40s %7d %8.1f %8.1f %8.1f %8.1f%n", step.label, values.size(),
						pct(values, 50), pct(values, 95), pct(values, 99), values.get(values.size() - 1) / 1e6));
			}
			out.append("  errors: ").append(errors.sum()).append(' ').append(errorKinds).append('\n');
			return out.toString();
		}

		double p95(Step step) {
			List<Long> values = new ArrayList<>(nanos.get(step));
			Collections.sort(values);
			return values.isEmpty() ? 0 : pct(values, 95);
		}

		static double pct(List<Long> sorted, int p) {
			int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
			return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
		}
	}

	private final AtomicLong users = new AtomicLong();

	private String base;

	private String target;

	private TestPlatform platform;

	@Test
	void launchBurstAndSustainedRate() throws Exception {
		MariaDb.recreate(DATABASE);
		int port = BenchBrowser.freePort();
		base = "http://localhost:" + port;
		target = base + "/lti/launch";
		StringBuilder report = new StringBuilder();
		try (TestPlatform lms = new TestPlatform(Clock.systemUTC());
				ConfigurableApplicationContext tool = start(port)) {
			platform = lms;
			tool.getBean(PlatformRegistry.class).register(lms.details(), Platform.Source.IMPORT);
			report.append(String.format("Launch benchmark: profile mysql (MariaDB %s:%s/%s), %d CPUs, %s, heap max %d MB%n",
					MariaDb.HOST, MariaDb.PORT, DATABASE, Runtime.getRuntime().availableProcessors(),
					System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
					Runtime.getRuntime().maxMemory() >> 20));

			Run warmup = burst(WARMUP);
			report.append(String.format("%nWarm-up: %d launches, %d concurrent (not counted)%n", WARMUP, CONCURRENCY));
			report.append(warmup.table());

			StatementLog.reset();
			StatementLog.recording = true;
			long start = System.nanoTime();
			Run burst = burst(USERS);
			double seconds = (System.nanoTime() - start) / 1e9;
			StatementLog.recording = false;
			report.append(String.format("%nBurst: %d distinct users, %d concurrent, all done in %.2f s (%.0f launches/s)%n",
					USERS, CONCURRENCY, seconds, USERS / seconds));
			report.append(burst.table());

			Path jfr = Path.of("target", "launch-bench.jfr");
			Run sustained;
			double sustainedSeconds;
			Map<String, Long> dbBefore = dbStatus();
			long[] cpuBefore = cpu();
			Map<String, Long> threadsBefore = threadTicks();
			try (Recording recording = new Recording()) {
				recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
				recording.start();
				start = System.nanoTime();
				sustained = sustained(Duration.ofSeconds(SUSTAINED_SECONDS));
				sustainedSeconds = (System.nanoTime() - start) / 1e9;
				recording.stop();
				recording.dump(jfr);
			}
			report.append(String.format("%nSustained: %d concurrent for %.1f s: %d complete launches = %.1f launches/s%n",
					CONCURRENCY, sustainedSeconds, sustained.completed.sum(), sustained.completed.sum() / sustainedSeconds));
			report.append(sustained.table());
			report.append(costPerLaunch(dbBefore, dbStatus(), cpuBefore, cpu(), sustained.completed.sum()));
			report.append(threadCpu(threadsBefore, threadTicks(), sustained.completed.sum()));
			report.append(StatementLog.report(USERS));
			report.append(profile(jfr));
			report.append(tableSizes(tool));

			System.out.println(report);
			Files.createDirectories(REPORT.getParent());
			Files.writeString(REPORT, report.toString());
			assertThat(burst.errors.sum()).as("errors in the burst").isZero();
			assertThat(sustained.errors.sum()).as("errors in the sustained run").isZero();
		}
	}

	private Run burst(int count) throws Exception {
		Run run = new Run();
		ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			futures.add(pool.submit(() -> launch(run)));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		pool.shutdown();
		return run;
	}

	private Run sustained(Duration length) throws Exception {
		Run run = new Run();
		long deadline = System.nanoTime() + length.toNanos();
		ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
		for (int i = 0; i < CONCURRENCY; i++) {
			pool.submit(() -> {
				while (System.nanoTime() < deadline) {
					launch(run);
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(length.toSeconds() + 120, TimeUnit.SECONDS);
		return run;
	}

	/** One person's complete launch, each step timed. */
	private void launch(Run run) {
		String user = "bench-user-" + users.incrementAndGet();
		BenchBrowser browser = new BenchBrowser();
		long began = System.nanoTime();
		try {
			long t = System.nanoTime();
			HttpResponse<String> login = browser.get(base + "/lti/login?" + BenchBrowser.form(Map.of("iss",
					platform.issuer, "login_hint", user, "target_link_uri", target, "client_id", TestPlatform.CLIENT_ID)));
			run.record(Step.LOGIN, t);
			if (login.statusCode() != 302) {
				run.error("login " + login.statusCode());
				return;
			}
			t = System.nanoTime();
			HttpResponse<String> continued = browser.get(BenchBrowser.location(login, base));
			run.record(Step.CONTINUE, t);
			if (continued.statusCode() != 302) {
				run.error("continue " + continued.statusCode());
				return;
			}
			String auth = BenchBrowser.location(continued, base);
			String state = BenchBrowser.query(auth, "state");
			String nonce = BenchBrowser.query(auth, "nonce");

			t = System.nanoTime();
			String token = platform.sign(platform.claims(nonce, target, "Learner")
				.subject(user)
				.claim("name", "Educator " + user)
				.claim("email", user + "@school.example")
				.build());
			run.record(Step.SIGN, t);

			t = System.nanoTime();
			HttpResponse<String> launched = browser.post(target, Map.of("id_token", token, "state", state));
			run.record(Step.LAUNCH, t);
			if (launched.statusCode() != 302) {
				run.error("launch " + launched.statusCode());
				return;
			}
			String next = BenchBrowser.location(launched, base);
			long pageStart = System.nanoTime();
			for (int hop = 0; hop < 5; hop++) {
				t = System.nanoTime();
				HttpResponse<String> page = browser.get(next);
				run.record(Step.PAGE, t);
				if (page.statusCode() == 200) {
					run.record(Step.PAGE_ALL, pageStart);
					run.record(Step.COMPLETE, began);
					run.completed.increment();
					return;
				}
				if (page.statusCode() / 100 != 3) {
					run.error("page " + page.statusCode());
					return;
				}
				next = BenchBrowser.location(page, base);
			}
			run.error("too many redirects");
		}
		catch (Exception ex) {
			run.error(ex.getClass().getSimpleName());
		}
	}

	/** Where the server's request threads spent their CPU samples, coarsely, and the hottest top frames. */
	static String profile(Path jfr) throws IOException {
		Map<String, String> categories = new LinkedHashMap<>();
		categories.put("org.thymeleaf.", "page render (Thymeleaf)");
		categories.put("com.nimbusds.", "id_token signature / JWT (Nimbus)");
		categories.put("sun.security.", "id_token signature / JWT (Nimbus)");
		categories.put("com.mysql.", "JDBC driver + pool");
		categories.put("org.mariadb.", "JDBC driver + pool");
		categories.put("com.zaxxer.hikari.", "JDBC driver + pool");
		categories.put("org.flywaydb.", "other");
		categories.put("org.springframework.jdbc.", "Spring JDBC / transactions");
		categories.put("org.springframework.transaction.", "Spring JDBC / transactions");
		categories.put("org.springframework.session.", "Spring Session");
		categories.put("tools.jackson.", "JSON (Jackson)");
		categories.put("com.fasterxml.jackson.", "JSON (Jackson)");
		categories.put("ch.qos.logback.", "logging");
		categories.put("org.springframework.security.", "Spring Security filters");
		categories.put("org.proofwork.", "Proofwork code");
		categories.put("org.apache.catalina.", "Tomcat");
		categories.put("org.apache.coyote.", "Tomcat");
		categories.put("org.apache.tomcat.", "Tomcat");
		Map<String, Integer> byCategory = new LinkedHashMap<>();
		Map<String, Integer> topFrames = new LinkedHashMap<>();
		Map<String, Integer> byThread = new LinkedHashMap<>();
		int server = 0;
		int all = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
				continue;
			}
			all++;
			String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
			String group = thread == null ? "?" : thread.startsWith("http-nio") ? "tool request threads (Tomcat)"
					: thread.startsWith("pool-") ? "benchmark clients (sign token, HTTP client)"
							: thread.startsWith("HttpClient") ? "benchmark clients (sign token, HTTP client)"
									: thread.startsWith("qtp") ? "WireMock platform" : "other: " + thread.replaceAll("[-0-9]+$", "");
			byThread.merge(group, 1, Integer::sum);
			if (thread == null || !thread.startsWith("http-nio")) {
				continue;
			}
			server++;
			List<RecordedFrame> frames = event.getStackTrace().getFrames();
			if (!frames.isEmpty()) {
				RecordedFrame top = frames.get(0);
				topFrames.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
			}
			String category = "JDK / other";
			outer: for (RecordedFrame frame : frames) {
				String type = frame.getMethod().getType().getName();
				for (Map.Entry<String, String> c : categories.entrySet()) {
					if (type.startsWith(c.getKey())) {
						category = c.getValue();
						break outer;
					}
				}
			}
			byCategory.merge(category, 1, Integer::sum);
		}
		StringBuilder out = new StringBuilder(String.format(
				"%nJFR execution samples during the sustained run (%s): %d in all%n", jfr, all));
		int allSamples = all;
		byThread.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(8)
			.forEach(e -> out.append(String.format("  %-55s %5.1f %%%n", e.getKey(), 100.0 * e.getValue() / allSamples)));
		int serverSamples = server;
		out.append(String.format("Tool request threads, by the innermost library on the stack (%d samples):%n", server));
		byCategory.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.forEach(e -> out.append(String.format("  %-55s %5.1f %%%n", e.getKey(), 100.0 * e.getValue() / serverSamples)));
		out.append("Tool request threads, hottest top frames:\n");
		topFrames.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(15)
			.forEach(e -> out.append(String.format("  %5.1f %%  %s%n", 100.0 * e.getValue() / serverSamples, e.getKey())));
		return out.toString();
	}

	/** MariaDB's own counters: statements, commits and log fsyncs the server did. */
	static Map<String, Long> dbStatus() {
		Map<String, Long> status = new LinkedHashMap<>();
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(MariaDb.url(""), MariaDb.USER,
				MariaDb.PASSWORD);
				java.sql.ResultSet rows = connection.createStatement()
					.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_select', 'Com_insert',"
							+ " 'Com_update', 'Com_delete', 'Com_commit', 'Innodb_os_log_fsyncs', 'Innodb_data_fsyncs')")) {
			while (rows.next()) {
				status.put(rows.getString(1), rows.getLong(2));
			}
		}
		catch (java.sql.SQLException ex) {
			status.put("unavailable", 0L);
		}
		return status;
	}

	/** CPU ticks (1/100 s) used so far by: this JVM (tool + clients + stub), the MariaDB server, the whole machine (busy, all). */
	static long[] cpu() {
		long self = ticks(ProcessHandle.current().pid());
		long db = ProcessHandle.allProcesses()
			.filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false))
			.mapToLong(p -> ticks(p.pid()))
			.sum();
		long busy = 0;
		long all = 0;
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			for (int i = 1; i < fields.length && i <= 8; i++) {
				long value = Long.parseLong(fields[i]);
				all += value;
				if (i != 4 && i != 5) {
					busy += value;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: leave zeros
		}
		return new long[] { self, db, busy, all };
	}

	private static long ticks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** CPU ticks of this JVM's threads so far, by thread name with numbers removed (GC, JIT and all). */
	static Map<String, Long> threadTicks() {
		Map<String, Long> ticks = new java.util.TreeMap<>();
		try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : tasks.toList()) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					String group = name.startsWith("http-nio") ? "tool: Tomcat request threads"
							: name.startsWith("pool-") || name.startsWith("HttpClient") ? "bench clients (sign, HTTP)"
									: name.startsWith("qtp") ? "WireMock platform"
											: name.startsWith("C2 ") || name.startsWith("C1 ") ? "JIT compiler"
													: name.startsWith("G1 ") || name.startsWith("GC ") || name.startsWith("VM Thread") ? "GC / VM"
															: "other: " + name.replaceAll("[-0-9]+", "#");
					ticks.merge(group, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
				}
				catch (IOException | RuntimeException ex) {
					// thread ended
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return ticks;
	}

	static String threadCpu(Map<String, Long> before, Map<String, Long> after, long launches) {
		StringBuilder out = new StringBuilder("  JVM CPU per launch by thread group (ms):");
		after.entrySet()
			.stream()
			.map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
			.filter(e -> e.getValue() > 0)
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach(e -> out.append(String.format("%n    %-45s %6.1f", e.getKey(), 10.0 * e.getValue() / launches)));
		return out.append('\n').toString();
	}

	static String costPerLaunch(Map<String, Long> before, Map<String, Long> after, long[] cpuBefore, long[] cpuAfter,
			long launches) {
		StringBuilder out = new StringBuilder("Per complete launch (sustained run):");
		for (Map.Entry<String, Long> e : after.entrySet()) {
			long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
			out.append(String.format(" %s=%.1f", e.getKey(), (double) delta / launches));
		}
		out.append(String.format("%n  CPU per launch: this JVM (tool + clients + WireMock) %.1f ms, MariaDB %.1f ms;"
				+ " machine busy %.0f %% of %d CPUs%n", 10.0 * (cpuAfter[0] - cpuBefore[0]) / launches,
				10.0 * (cpuAfter[1] - cpuBefore[1]) / launches,
				100.0 * (cpuAfter[2] - cpuBefore[2]) / Math.max(1, cpuAfter[3] - cpuBefore[3]),
				Runtime.getRuntime().availableProcessors()));
		return out.toString();
	}

	private static String tableSizes(ConfigurableApplicationContext tool) {
		org.springframework.jdbc.core.simple.JdbcClient jdbc = tool.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
		StringBuilder out = new StringBuilder("\nRows after the runs:");
		for (String table : List.of("lti_login_state", "SPRING_SESSION", "workspace", "EVENT_PUBLICATION")) {
			try {
				out.append(' ').append(table).append('=')
					.append(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
			}
			catch (RuntimeException ex) {
				out.append(' ').append(table).append("=?");
			}
		}
		return out.append('\n').toString();
	}

	/**
	 * The tool on the production profile, plus {@link StatementLog}: a Connector/J query interceptor (a driver
	 * property, so the pool and the URL stay as in production) and a filter in front of all others.
	 */
	private static ConfigurableApplicationContext start(int port) {
		return new SpringApplicationBuilder(ProofworkApplication.class).profiles("mysql")
			.initializers(context -> ((GenericApplicationContext) context).registerBean("benchStatementLogFilter",
					FilterRegistrationBean.class, () -> {
						FilterRegistrationBean<StatementLog.RequestFilter> filter = new FilterRegistrationBean<>(
								new StatementLog.RequestFilter());
						filter.setOrder(Ordered.HIGHEST_PRECEDENCE);
						return filter;
					}))
			.run("--spring.datasource.hikari.data-source-properties.queryInterceptors=" + StatementLog.class.getName(),
					"--server.port=" + port, "--proofwork.base-url=http://localhost:" + port,
					"--proofwork.data-dir=target/launch-bench-data", "--MYSQL_HOST=" + MariaDb.HOST,
					"--MYSQL_PORT=" + MariaDb.PORT, "--MYSQL_DATABASE=" + DATABASE, "--MYSQL_USER=" + MariaDb.USER,
					"--MYSQL_PASSWORD=" + MariaDb.PASSWORD);
	}
}
