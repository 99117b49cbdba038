package org.proofwork.bench;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;

/**
 * Counts what the tool's request threads send to MariaDB, statement by statement, as Connector/J sends it (the
 * driver's own {@code SET autocommit} and {@code commit} included, so the total is what MariaDB's {@code Questions}
 * counter sees from these threads). MariaDB's global counters also count the other programs using the shared
 * server; this one counts only this tool's Tomcat threads ({@code http-nio-*}), so a figure per page is exact.
 *
 * <p>
 * Installed with the data source property {@code queryInterceptors=org.proofwork.bench.StatementCounter}.
 */
public final class StatementCounter implements QueryInterceptor {

	private static final Pattern NUMBERS = Pattern.compile("\\b\\d+(\\.\\d+)?\\b");

	private static final Pattern SPACE = Pattern.compile("\\s+");

	private static final LongAdder total = new LongAdder();

	private static final Map<String, LongAdder> byStatement = new ConcurrentHashMap<>();

	private static volatile boolean detailed;

	/** Starts counting from zero; with {@code detailed}, each statement's text is tallied too (slower). */
	static void reset(boolean detailed) {
		StatementCounter.detailed = detailed;
		total.reset();
		byStatement.clear();
	}

	static long total() {
		return total.sum();
	}

	/** Each statement's text (literals replaced by {@code ?}) and how often it was sent since the reset. */
	static Map<String, Long> byStatement() {
		Map<String, Long> counts = new TreeMap<>();
		byStatement.forEach((sql, count) -> counts.put(sql, count.sum()));
		return counts;
	}

	@Override
	public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
		return this;
	}

	@Override
	public <T extends Resultset> T preProcess(Supplier<String> sql, Query interceptedQuery) {
		if (Thread.currentThread().getName().startsWith("http-nio")) {
			total.increment();
			if (detailed) {
				byStatement.computeIfAbsent(normalize(sql.get()), s -> new LongAdder()).increment();
			}
		}
		return null;
	}

	static String normalize(String sql) {
		if (sql == null) {
			return "?";
		}
		String text = NUMBERS.matcher(withoutStrings(SPACE.matcher(sql.strip()).replaceAll(" "))).replaceAll("?");
		return text.length() > 160 ? text.substring(0, 160) + "…" : text;
	}

	/** Each quoted literal as {@code ?} (a scan, not a regular expression: literals here can be long JSON). */
	private static String withoutStrings(String sql) {
		StringBuilder out = new StringBuilder(Math.min(sql.length(), 400));
		int i = 0;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (c != '\'') {
				out.append(c);
				i++;
				continue;
			}
			i++;
			while (i < sql.length()) {
				char d = sql.charAt(i);
				if (d == '\\') {
					i += 2;
				}
				else if (d == '\'' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
					i += 2;
				}
				else if (d == '\'') {
					i++;
					break;
				}
				else {
					i++;
				}
			}
			out.append('?');
		}
		return out.toString();
	}

	@Override
	public boolean executeTopLevelOnly() {
		return true;
	}

	@Override
	public void destroy() {
	}

	@Override
	public <T extends Resultset> T postProcess(Supplier<String> sql, Query interceptedQuery, T originalResultSet,
			ServerSession serverSession) {
		return null;
	}
}
