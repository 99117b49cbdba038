package org.proofwork.lti;

import org.proofwork.testing.TestPlatform;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.proofwork.ProofworkApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two tool nodes behind a load balancer share one database: a login started on one completes on the other, and the
 * session works on both.
 */
class TwoNodeLaunchTest {

	private final String database = "jdbc:h2:mem:two-nodes-" + UUID.randomUUID()
			+ ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";

	private final TestPlatform platform = new TestPlatform(Clock.systemUTC());

	private ConfigurableApplicationContext nodeA;

	private ConfigurableApplicationContext nodeB;

	@AfterEach
	void stop() {
		if (nodeA != null) {
			nodeA.close();
		}
		if (nodeB != null) {
			nodeB.close();
		}
		platform.close();
	}

	@Test
	void loginOnOneNodeCompletesOnTheOther() throws Exception {
		nodeA = start();
		nodeB = start();
		nodeA.getBean(PlatformRegistry.class).register(platform.details(), Platform.Source.IMPORT);
		String base = "http://localhost:8080";
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		HttpResponse<String> initiation = browser.send(HttpRequest.newBuilder(URI.create(url(nodeA, "/lti/login?"
				+ form(Map.of("iss", platform.issuer, "login_hint", "u1", "target_link_uri", base + "/lti/launch",
						"client_id", TestPlatform.CLIENT_ID)))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(initiation.statusCode()).isEqualTo(302);
		String state = UriComponentsBuilder.fromUriString(initiation.headers().firstValue("Location").orElseThrow())
			.build()
			.getQueryParams()
			.getFirst("state");

		HttpResponse<String> continued = browser.send(
				HttpRequest.newBuilder(URI.create(url(nodeB, "/lti/login/continue?state=" + state))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(continued.statusCode()).as("node B knows node A's login").isEqualTo(302);
		String nonce = UriComponentsBuilder.fromUriString(continued.headers().firstValue("Location").orElseThrow())
			.build()
			.getQueryParams()
			.getFirst("nonce");

		String token = platform.sign(LaunchTest.withoutCredential(platform.claims(nonce, base + "/lti/launch", "Learner")).build());
		HttpResponse<String> launched = browser.send(HttpRequest.newBuilder(URI.create(url(nodeB, "/lti/launch")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(Map.of("id_token", token, "state", state))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(launched.statusCode()).isEqualTo(302);
		String page = launched.headers().firstValue("Location").orElseThrow();

		for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
			HttpResponse<String> landing = browser.send(HttpRequest.newBuilder(URI.create(url(node, page))).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(landing.statusCode()).isEqualTo(200);
			assertThat(landing.body()).contains("Learner Person");
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(ProofworkApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + database, "--proofwork.base-url=http://localhost:8080");
	}

	private static String url(ConfigurableApplicationContext node, String path) {
		String absolute = path.startsWith("http") ? URI.create(path).getRawPath()
				+ (URI.create(path).getRawQuery() == null ? "" : "?" + URI.create(path).getRawQuery()) : path;
		return "http://localhost:" + ((WebServerApplicationContext) node).getWebServer().getPort() + absolute;
	}

	private static String form(Map<String, String> values) {
		return values.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
