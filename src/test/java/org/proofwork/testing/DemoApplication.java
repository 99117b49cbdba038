package org.proofwork.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.proofwork.ProofworkApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The tool as {@code ./mvnw spring-boot:run} starts it (profile {@code dev}, demo LMS included), on a port chosen
 * first so the base URL can name it, with a private in-memory database.
 */
public final class DemoApplication implements AutoCloseable {

	public final int port = freePort();

	public final String base = "http://localhost:" + port;

	private final ConfigurableApplicationContext context;

	public DemoApplication(String... extraArguments) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + port, "--proofwork.base-url=" + base,
				"--spring.datasource.url=jdbc:h2:mem:demo-" + UUID.randomUUID()
						+ ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1"));
		arguments.addAll(List.of(extraArguments));
		context = new SpringApplicationBuilder(ProofworkApplication.class).profiles("dev")
			.run(arguments.toArray(String[]::new));
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	@Override
	public void close() {
		context.close();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
