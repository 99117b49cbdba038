package org.proofwork.devplatform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In production (no {@code dev} profile) the demo LMS does not exist: no routes, no beans.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoLmsAbsentByDefaultTest {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void servesNoDemoLmsPages() throws Exception {
		for (String path : new String[] { "/dev/lms", "/dev/lms/.well-known/openid-configuration",
				"/dev/lms/.well-known/jwks.json", "/dev/lms/course" }) {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(path).isIn(401, 404);
		}
	}

	@Test
	void createsNoDemoLmsBean() {
		assertThat(Arrays.stream(context.getBeanDefinitionNames())
			.map(context::getType)
			.filter(type -> type != null)
			.map(ClassUtils::getUserClass)
			.filter(type -> type.getPackageName().startsWith("org.proofwork.devplatform"))).isEmpty();
	}
}
