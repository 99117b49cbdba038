package org.proofwork.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;

/**
 * Which SQL statements the tool sends, as Connector/J sends them, for the launch and review page benchmarks (one
 * interceptor for both, so their statement figures are counted the same way). Connector/J calls this class as a
 * {@link QueryInterceptor} (the {@code queryInterceptors} driver property) for every statement it sends the server,
 * {@code commit} and {@code SET autocommit} included, which is what MariaDB's {@code Questions} counter counts; but
 * that counter also moves for every other program on a shared server, and this one does not.
 * <p>
 * Two ways of counting, each for the benchmark that needs it:
 * <ul>
 * <li>Per kind of request (the launch benchmark), while {@link #recording}: a servlet {@link RequestFilter} in front
 * of every other filter names the request ({@code GET /launches/{id}/workspace}) in a thread-local and times the
 * thread's CPU; statements sent from no request are grouped as {@code (outside a request)}.</li>
 * <li>A total since {@link #reset(boolean)} of what Tomcat's request threads ({@code http-nio-*}) send, always on,
 * with a tally per statement if asked for (the review page benchmark, which needs no filter for it): background
 * threads such as the grade delivery scheduler are left out, so a figure per page is exact.</li>
 * </ul>
 * Statements are counted by their text with the literals replaced by {@code ?}, so no value reaches the report and
 * the same statement is one line however often it runs.
 */
public class StatementLog implements QueryInterceptor {

	private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	static volatile boolean recording;

	/** request kind → SQL text → count. */
	static final Map<String, Map<String, LongAdder>> STATEMENTS = new ConcurrentHashMap<>();

	static final Map<String, LongAdder> REQUESTS = new ConcurrentHashMap<>();

	static final Map<String, LongAdder> CPU_NANOS = new ConcurrentHashMap<>();

	private static final LongAdder REQUEST_THREAD_TOTAL = new LongAdder();

	/** SQL text → count, for the request threads, only while {@link #tallied}. */
	private static final Map<String, LongAdder> REQUEST_THREAD_STATEMENTS = new ConcurrentHashMap<>();

	private static volatile boolean tallied;

	/** Clears the counts per kind of request. */
	static void reset() {
		STATEMENTS.clear();
		REQUESTS.clear();
		CPU_NANOS.clear();
	}

	/**
	 * Starts the request threads' total from zero; with {@code tallied}, each statement's text is tallied too (a map
	 * update per statement, so off for the timed runs).
	 */
	static void reset(boolean tallied) {
		StatementLog.tallied = tallied;
		REQUEST_THREAD_TOTAL.reset();
		REQUEST_THREAD_STATEMENTS.clear();
	}

	/** Statements Tomcat's request threads sent since {@link #reset(boolean)}. */
	static long total() {
		return REQUEST_THREAD_TOTAL.sum();
	}

	/** Each statement the request threads sent since {@link #reset(boolean) reset(true)}, and how often. */
	static Map<String, Long> byStatement() {
		Map<String, Long> counts = new TreeMap<>();
		REQUEST_THREAD_STATEMENTS.forEach((sql, count) -> counts.put(sql, count.sum()));
		return counts;
	}

	@Override
	public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
		return this;
	}

	@Override
	public <T extends Resultset> T preProcess(Supplier<String> sql, Query query) {
		String text = null;
		if (Thread.currentThread().getName().startsWith("http-nio")) {
			REQUEST_THREAD_TOTAL.increment();
			if (tallied) {
				text = normalize(sql.get());
				REQUEST_THREAD_STATEMENTS.computeIfAbsent(text, k -> new LongAdder()).increment();
			}
		}
		if (recording) {
			String request = CURRENT.get();
			STATEMENTS.computeIfAbsent(request == null ? "(outside a request)" : request, k -> new ConcurrentHashMap<>())
				.computeIfAbsent(text == null ? normalize(sql.get()) : text, k -> new LongAdder())
				.increment();
		}
		return null;
	}

	/**
	 * Literals out (the driver interpolates a client-side prepared statement's values), whitespace collapsed. A
	 * scanner, not a regular expression: Java's regex recursion overflows the stack on a session's serialized bytes.
	 */
	static String normalize(String sql) {
		if (sql == null) {
			return "?";
		}
		StringBuilder out = new StringBuilder(Math.min(sql.length(), 256));
		int i = 0;
		int n = sql.length();
		while (i < n) {
			char c = sql.charAt(i);
			if (c == '\'') {
				i++;
				while (i < n) {
					char d = sql.charAt(i++);
					if (d == '\\') {
						i++;
					}
					else if (d == '\'') {
						if (i < n && sql.charAt(i) == '\'') {
							i++;
						}
						else {
							break;
						}
					}
				}
				out.append('?');
			}
			else if (Character.isDigit(c) && (out.isEmpty() || !Character.isLetterOrDigit(out.charAt(out.length() - 1))
					&& out.charAt(out.length() - 1) != '_')) {
				while (i < n && Character.isLetterOrDigit(sql.charAt(i))) {
					i++;
				}
				out.append('?');
			}
			else if (Character.isWhitespace(c)) {
				if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
					out.append(' ');
				}
				i++;
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString().strip().replace("_binary?", "?");
	}

	@Override
	public boolean executeTopLevelOnly() {
		return true;
	}

	@Override
	public void destroy() {
	}

	@Override
	public <T extends Resultset> T postProcess(Supplier<String> sql, Query query, T resultSet, ServerSession session) {
		return resultSet;
	}

	/** A statement's text cut to 160 characters, for a report line. */
	static String shortened(String sql) {
		return sql.length() > 160 ? sql.substring(0, 157) + "..." : sql;
	}

	/** The request's method and path with the launch id taken out. */
	static String kind(HttpServletRequest request) {
		return request.getMethod() + " " + request.getRequestURI().replaceAll("^/launches/[^/]+", "/launches/{id}");
	}

	/** Names each request for the statements it sends and adds its thread's CPU time. */
	static final class RequestFilter implements Filter {

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			String kind = kind((HttpServletRequest) request);
			CURRENT.set(kind);
			long cpu = THREADS.getCurrentThreadCpuTime();
			try {
				chain.doFilter(request, response);
			}
			finally {
				CURRENT.remove();
				if (recording) {
					CPU_NANOS.computeIfAbsent(kind, k -> new LongAdder())
						.add(THREADS.getCurrentThreadCpuTime() - cpu);
					REQUESTS.computeIfAbsent(kind, k -> new LongAdder()).increment();
				}
			}
		}
	}

	/** Per request kind: requests per launch, CPU per request, statements and commits per request; then every statement. */
	static String report(long launches) {
		StringBuilder out = new StringBuilder(String.format(
				"%nPer request kind (the burst, %d launches; request thread CPU from the first filter to the last byte):%n",
				launches));
		out.append(String.format("  %-42s %9s %9s %9s %9s%n", "request", "/launch", "CPU ms", "stmts", "commits"));
		long allStatements = 0;
		long allCommits = 0;
		double allCpu = 0;
		for (String kind : REQUESTS.keySet().stream().sorted().toList()) {
			long requests = REQUESTS.get(kind).sum();
			Map<String, LongAdder> statements = STATEMENTS.getOrDefault(kind, Map.of());
			long count = statements.values().stream().mapToLong(LongAdder::sum).sum();
			long commits = statements.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("commit"))
				.mapToLong(e -> e.getValue().sum()).sum();
			double cpuMs = CPU_NANOS.get(kind).sum() / 1e6;
			allStatements += count;
			allCommits += commits;
			allCpu += cpuMs;
			out.append(String.format("  %-42s %9.2f %9.2f %9.1f %9.1f%n", kind, (double) requests / launches,
					cpuMs / requests, (double) count / requests, (double) commits / requests));
		}
		out.append(String.format("  %-42s %9s %9.2f %9.1f %9.1f%n", "all requests, per launch", "", allCpu / launches,
				(double) allStatements / launches, (double) allCommits / launches));
		out.append("Statements per launch, by request kind and SQL text:\n");
		for (String kind : STATEMENTS.keySet().stream().sorted().toList()) {
			out.append("  ").append(kind).append('\n');
			STATEMENTS.get(kind).entrySet().stream()
				.sorted(Comparator.comparing((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
				.forEach(e -> out.append(String.format("    %6.2f  %s%n", (double) e.getValue().sum() / launches,
						shortened(e.getKey()))));
		}
		return out.toString();
	}
}
