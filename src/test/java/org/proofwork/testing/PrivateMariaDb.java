package org.proofwork.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of the test's own, in a temporary data directory on a free port, that the test may stop, crash
 * and start again: fault drills cannot do that to the shared server at {@link MariaDb#HOST}:{@link MariaDb#PORT},
 * which other tests use at the same time.
 * <p>
 * {@link #stop()} sends SIGTERM (a clean shutdown: MariaDB closes its clients' connections and flushes), {@link #crash()}
 * SIGKILL (nothing flushed beyond what InnoDB already wrote to its redo log), {@link #start()} starts it again on the
 * same port and data directory. {@code root} has no password and may connect over TCP from 127.0.0.1.
 * <p>
 * Skips the test with the reason (or fails in CI, see {@link ExternalRequirement}) when the MariaDB server binaries
 * are not installed.
 */
public final class PrivateMariaDb implements AutoCloseable {

	public static final String HOST = "127.0.0.1";

	public static final String USER = "root";

	public static final String PASSWORD = "";

	private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);

	private final Path server;

	private final Path directory;

	private final Path dataDirectory;

	private final Path log;

	private final int port;

	private final Thread shutdownHook;

	private Process process;

	private PrivateMariaDb(Path server, Path directory, int port) {
		this.server = server;
		this.directory = directory;
		this.dataDirectory = directory.resolve("data");
		this.log = directory.resolve("server.log");
		this.port = port;
		// A test JVM that ends without close() (Ctrl-C, a crash) must not leave a server running.
		this.shutdownHook = new Thread(() -> {
			if (process != null) {
				process.destroyForcibly();
			}
		}, "private-mariadb-cleanup");
		Runtime.getRuntime().addShutdownHook(shutdownHook);
	}

	/** Creates a data directory with {@code mariadb-install-db} and starts the server on it. */
	public static PrivateMariaDb create() {
		Optional<Path> server = find("mariadbd", "mysqld");
		Optional<Path> install = find("mariadb-install-db", "mysql_install_db");
		if (server.isEmpty() || install.isEmpty()) {
			ExternalRequirement.missing("A MariaDB server of the test's own",
					"mariadbd and mariadb-install-db are not installed; install the mariadb-server package");
		}
		try {
			// Under /tmp, not target/: the socket path must stay under 108 characters.
			Path directory = Files.createTempDirectory("proofwork-mariadb-");
			PrivateMariaDb db = new PrivateMariaDb(server.get(), directory, freePort());
			List<String> command = new ArrayList<>(List.of(install.get().toString(), "--no-defaults",
					"--datadir=" + db.dataDirectory, "--auth-root-authentication-method=normal", "--skip-test-db"));
			command.addAll(userOption());
			Process installing = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(directory.resolve("install.log").toFile())
				.start();
			if (!installing.waitFor(120, TimeUnit.SECONDS) || installing.exitValue() != 0) {
				installing.destroyForcibly();
				db.close();
				throw new IllegalStateException("mariadb-install-db failed: "
						+ Files.readString(directory.resolve("install.log")));
			}
			db.start();
			return db;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public int port() {
		return port;
	}

	/** The JDBC URL of {@code database} on this server, as {@link MariaDb#url(String)} builds it for the shared one. */
	public String url(String database) {
		return "jdbc:mysql://" + HOST + ":" + port + "/" + database + "?connectionTimeZone=UTC";
	}

	public Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(url(database), USER, PASSWORD);
	}

	public boolean isRunning() {
		return process != null && process.isAlive();
	}

	/** Starts the server (again) and waits until it accepts a connection. */
	public synchronized void start() {
		if (isRunning()) {
			throw new IllegalStateException("already running");
		}
		List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults",
				"--datadir=" + dataDirectory, "--port=" + port, "--bind-address=" + HOST,
				"--socket=" + directory.resolve("sock"), "--pid-file=" + directory.resolve("mariadbd.pid"),
				"--skip-log-bin", "--innodb-buffer-pool-size=64M", "--character-set-server=utf8mb4",
				"--collation-server=utf8mb4_unicode_ci"));
		command.addAll(userOption());
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("mariadbd exited with " + process.exitValue() + ": " + tail());
			}
			try (Connection connection = connect("")) {
				if (connection.isValid(2)) {
					return;
				}
			}
			catch (SQLException ex) {
				last = ex;
			}
			sleep(100);
		}
		throw new IllegalStateException("mariadbd did not accept connections within " + STARTUP_LIMIT + ": "
				+ (last == null ? "" : last.getMessage()) + "\n" + tail());
	}

	/** SIGTERM, as a service manager stops it: MariaDB closes connections, flushes and exits. */
	public synchronized Duration stop() {
		return end(false);
	}

	/** SIGKILL: the server dies at once, as in a crash or an out-of-memory kill. */
	public synchronized Duration crash() {
		return end(true);
	}

	private Duration end(boolean kill) {
		if (!isRunning()) {
			throw new IllegalStateException("not running");
		}
		long began = System.nanoTime();
		if (kill) {
			process.destroyForcibly();
		}
		else {
			process.destroy();
		}
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Duration.ofNanos(System.nanoTime() - began);
	}

	/** The last lines of the server's log, for failure messages. */
	public String tail() {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** Stops the server and deletes its data directory. */
	@Override
	public synchronized void close() {
		if (isRunning()) {
			end(false);
		}
		try {
			Runtime.getRuntime().removeShutdownHook(shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind is harmless
		}
	}

	/** mariadbd refuses to run as root unless told to; as anybody else it runs as that user. */
	private static List<String> userOption() {
		return "root".equals(System.getProperty("user.name")) ? List.of("--user=root") : List.of();
	}

	private static Optional<Path> find(String... names) {
		List<Path> directories = new ArrayList<>(List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"),
				Path.of("/usr/local/bin"), Path.of("/usr/bin")));
		String path = System.getenv("PATH");
		if (path != null) {
			for (String entry : path.split(java.io.File.pathSeparator)) {
				if (!entry.isBlank()) {
					directories.add(Path.of(entry));
				}
			}
		}
		for (String name : names) {
			for (Path directory : directories) {
				Path candidate = directory.resolve(name);
				if (Files.isExecutable(candidate)) {
					return Optional.of(candidate);
				}
			}
		}
		return Optional.empty();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
