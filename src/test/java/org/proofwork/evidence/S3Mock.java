package org.proofwork.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.tika.mime.MimeTypes;
import org.proofwork.testing.ExternalRequirement;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe's S3Mock, run as a child process ({@code java -jar}) on a free loopback port, once per test JVM and stopped
 * when it ends. The jar comes from the local Maven repository (the pom declares it without putting it on the class
 * path); where it is missing the test is skipped, or fails in CI. Public for the scale-out drills, whose nodes share
 * one bucket.
 */
public final class S3Mock {

	public static final String BUCKET = "evidence";

	private static final String VERSION = "5.2.0";

	private static S3Mock running;

	private final Process process;

	private final URI endpoint;

	private S3Mock(Process process, URI endpoint) {
		this.process = process;
		this.endpoint = endpoint;
	}

	public static synchronized S3Mock start() {
		if (running != null && running.process.isAlive()) {
			return running;
		}
		Path jar = jar();
		if (!Files.isRegularFile(jar)) {
			ExternalRequirement.missing("S3Mock " + VERSION, jar + " not downloaded (run ./mvnw once without -o)");
		}
		try {
			int port = freePort();
			Path root = Files.createDirectories(Path.of("target", "s3mock").toAbsolutePath())
				.resolve(UUID.randomUUID().toString());
			String java = ProcessHandle.current().info().command().orElse("java");
			Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--http.port=" + port,
					"--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
					"--logging.level.root=WARN", "--com.adobe.testing.s3mock.store.root=" + root,
					"--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
					"--com.adobe.testing.s3mock.max-payload-size=64MB")
				.redirectErrorStream(true)
				.redirectOutput(root.resolveSibling(root.getFileName() + ".log").toFile())
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
			URI endpoint = new URI("http://127.0.0.1:" + port);
			awaitReady(process, endpoint);
			running = new S3Mock(process, endpoint);
			return running;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public URI endpoint() {
		return endpoint;
	}

	public S3Client client() {
		return S3Client.builder()
			.endpointOverride(endpoint)
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.build();
	}

	/** Next to any other artifact in the local repository: tika-core's jar tells where that is. */
	private static Path jar() {
		try {
			Path tikaJar = Path.of(MimeTypes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			Path repository = tikaJar.getParent().getParent().getParent().getParent().getParent().getParent();
			return repository.resolve("com/adobe/testing/s3mock/" + VERSION + "/s3mock-" + VERSION + "-exec.jar");
		}
		catch (URISyntaxException | RuntimeException ex) {
			return Path.of("s3mock-" + VERSION + "-exec.jar");
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void awaitReady(Process process, URI endpoint) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("S3Mock exited with " + process.exitValue());
			}
			try {
				HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint).GET().build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() < 500) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep();
		}
		process.destroyForcibly();
		throw new IllegalStateException("S3Mock did not answer at " + endpoint + " within 90 seconds");
	}

	private static void sleep() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
