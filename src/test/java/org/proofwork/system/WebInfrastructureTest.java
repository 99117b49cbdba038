package org.proofwork.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tool over real HTTP, as a browser inside an LMS frame and a program see it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebInfrastructureTest {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@TestConfiguration
	static class Probes {

		/** Test-only endpoints under a public path: one that opens a session, one that fails unexpectedly. */
		@Bean
		RouterFunction<ServerResponse> probes() {
			return RouterFunctions.route()
				.GET("/lti/test-probe/session", request -> {
					request.session().setAttribute("probe", "yes");
					return ServerResponse.ok().body(request.servletRequest().isSecure() + " " + request.uri());
				})
				.GET("/lti/test-probe/refusal", request -> {
					throw new UserFacingException(HttpStatus.BAD_REQUEST, "error.409.title", "error.409.advice",
							"probe refusal");
				})
				.GET("/lti/test-probe/failure", request -> {
					throw new IllegalStateException("secret internal detail");
				})
				.build();
		}
	}

	@Test
	void showsPeopleAnErrorPageThatSaysWhatToDo() throws Exception {
		HttpResponse<String> response = get("/lti/no-such-page", "Accept", "text/html");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("This page does not exist.")
			.contains("Open Proofwork again from your course.")
			.contains(response.headers().firstValue("X-Request-Id").orElseThrow());
	}

	@Test
	void answersProgramsWithProblemJson() throws Exception {
		HttpResponse<String> response = get("/lti/no-such-page", "Accept", "application/json");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":404")
			.contains("\"title\":\"This page does not exist.\"")
			.contains("\"instance\":\"/lti/no-such-page\"")
			.contains("\"requestId\"");
	}

	@Test
	void explainsARefusalWithItsOwnMessageAndStatus() throws Exception {
		HttpResponse<String> response = get("/lti/test-probe/refusal", "Accept", "text/html");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Someone else changed this at the same time.");
	}

	@Test
	void neverShowsInternalDetailsOfAFailure() throws Exception {
		HttpResponse<String> page = get("/lti/test-probe/failure", "Accept", "text/html");
		HttpResponse<String> json = get("/lti/test-probe/failure", "Accept", "application/json");

		assertThat(page.statusCode()).isEqualTo(500);
		assertThat(page.body()).contains("Proofwork ran into a problem on its side.").doesNotContain("secret internal detail");
		assertThat(json.statusCode()).isEqualTo(500);
		assertThat(json.body()).doesNotContain("secret internal detail").doesNotContain("IllegalStateException");
	}

	@Test
	void keepsAPlainRequestIdFromAProxyAndReplacesAnythingElse() throws Exception {
		assertThat(get("/", "X-Request-Id", "proxy-1234-abcd").headers().firstValue("X-Request-Id"))
			.hasValue("proxy-1234-abcd");
		assertThat(get("/", "X-Request-Id", "forged\"value with spaces").headers().firstValue("X-Request-Id"))
			.hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
	}

	@Test
	void sessionCookieWorksInsideAnLmsFrameBehindAnHttpsProxy() throws Exception {
		HttpResponse<String> response = get("/lti/test-probe/session", "X-Forwarded-Proto", "https");

		assertThat(response.body()).startsWith("true https://");
		assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
			.startsWith("PROOFWORK_SESSION=")
			.contains("Secure")
			.contains("HttpOnly")
			.contains("SameSite=None")
			.contains("Partitioned"));
	}

	@Test
	void sessionCookieOverPlainHttpIsLaxBecauseBrowsersDropSameSiteNoneWithoutSecure() throws Exception {
		HttpResponse<String> response = get("/lti/test-probe/session");

		assertThat(response.body()).startsWith("false http://");
		assertThat(response.headers().firstValue("Set-Cookie")).hasValueSatisfying(
				cookie -> assertThat(cookie).contains("SameSite=Lax").doesNotContain("Secure").doesNotContain("Partitioned"));
	}

	@Test
	void reportsReadinessAndLiveness() throws Exception {
		assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void asksAnonymousVisitorsToComeThroughTheirCourse() throws Exception {
		assertThat(get("/actuator/env").statusCode()).isIn(401, 404);
		HttpResponse<String> response = get("/workspace", "Accept", "text/html");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("Open Proofwork from the link in your course");
	}

	private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
