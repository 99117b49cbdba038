package org.proofwork.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tool as a separate JVM, so a drill can kill it the way an operating system or an operator does: SIGKILL, no
 * shutdown hook, no graceful stop, no finally block. It runs from the test JVM's own class path (main and test
 * classes), and each start writes its output to a file of its own under {@code target/kill-drill/}, which
 * {@link #output()} gives back for a failure message.
 */
final class ChildNode implements AutoCloseable {

	/** What {@code Process.exitValue()} reports for a process ended by signal 9 (128 + 9). */
	static final int KILLED_BY_SIGKILL = 137;

	private final String name;

	private final String mainClass;

	private final int port;

	private final List<String> jvmOptions;

	private final List<Path> logs = new ArrayList<>();

	private Process process;

	private Duration cpuToReady = Duration.ZERO;

	ChildNode(String name, String mainClass, int port, List<String> jvmOptions) {
		this.name = name;
		this.mainClass = mainClass;
		this.port = port;
		this.jvmOptions = jvmOptions;
	}

	String base() {
		return "http://localhost:" + port;
	}

	long pid() {
		return process.pid();
	}

	/**
	 * Starts the JVM with these application arguments and waits until it answers ready.
	 * @return how long it took from the process start to the first ready answer
	 */
	Duration start(List<String> arguments, Duration timeout) throws IOException, InterruptedException {
		if (process != null && process.isAlive()) {
			throw new IllegalStateException(name + " is running");
		}
		Path log = Path.of("target", "kill-drill", name + "-" + (logs.size() + 1) + ".log").toAbsolutePath();
		Files.createDirectories(log.getParent());
		logs.add(log);
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classPath());
		command.add(mainClass);
		command.add("--server.port=" + port);
		command.addAll(arguments);
		long began = System.nanoTime();
		process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(new File(System.getProperty("user.dir")))
			.start();
		long deadline = began + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n"
						+ output());
			}
			if (ready()) {
				Duration wall = Duration.ofNanos(System.nanoTime() - began);
				cpuToReady = process.info().totalCpuDuration().orElse(Duration.ZERO);
				return wall;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + output());
	}

	/**
	 * SIGKILL ({@link Process#destroyForcibly()} on Linux) and wait until the process is gone.
	 * @return the exit value, {@link #KILLED_BY_SIGKILL} when the signal ended it
	 */
	int kill() throws InterruptedException {
		process.destroyForcibly();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException(name + " still alive 30 s after SIGKILL");
		}
		return process.exitValue();
	}

	/**
	 * The CPU time (user + system) the last start took to ready: on a shared, loaded machine a steadier figure than
	 * the wall time.
	 */
	Duration cpuToReady() {
		return cpuToReady;
	}

	boolean alive() {
		return process != null && process.isAlive();
	}

	/** Every start's output, in order. */
	String output() {
		StringBuilder out = new StringBuilder();
		for (Path log : logs) {
			out.append("===== ").append(log).append(" =====\n");
			try {
				String text = Files.readString(log);
				// The interesting part of a long log is usually its end.
				out.append(text.length() > 60_000 ? "...\n" + text.substring(text.length() - 60_000) : text);
			}
			catch (IOException ex) {
				out.append("(cannot read: ").append(ex).append(")\n");
			}
		}
		return out.toString();
	}

	@Override
	public void close() throws InterruptedException {
		if (alive()) {
			process.destroyForcibly();
			process.waitFor(30, TimeUnit.SECONDS);
		}
	}

	private boolean ready() {
		try {
			HttpResponse<String> response = BenchBrowser.CLIENT.send(
					HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness"))
						.timeout(Duration.ofSeconds(2))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("UP");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The test class path. Surefire may start the test JVM from a manifest-only jar; then the real class path is in
	 * {@code surefire.test.class.path}, and {@code java.class.path} names the jar (which works too, through its
	 * manifest).
	 */
	private static String classPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		String path = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
		if (path == null || path.isBlank()) {
			throw new UncheckedIOException(new IOException("no class path to start the tool with"));
		}
		return path;
	}
}
