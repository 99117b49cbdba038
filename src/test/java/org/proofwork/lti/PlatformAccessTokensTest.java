package org.proofwork.lti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.proofwork.testing.MutableClock;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformAccessTokensTest {

	@RegisterExtension
	static WireMockExtension platformServer = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	static final String TOKEN_PATH = "/mod/lti/token.php";

	static final Set<String> SCORE_SCOPES = Set.of(AssignmentGradeService.SCOPE_SCORE,
			AssignmentGradeService.SCOPE_LINE_ITEM);

	static RSAKey toolKey;

	MutableClock clock;

	PlatformAccessTokens tokens;

	Platform platform;

	@BeforeAll
	static void createToolKey() throws Exception {
		toolKey = new RSAKeyGenerator(2048).keyID("tool-key-1").algorithm(JWSAlgorithm.RS256).generate();
	}

	@BeforeEach
	void moodleAnswersWithAnOpaqueToken() {
		clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
		tokens = new PlatformAccessTokens(() -> toolKey,
				new PlatformHttp(RestClient.builder(), clock, Duration.ofSeconds(2)), clock);
		platform = platform(URI.create(platformServer.baseUrl() + TOKEN_PATH));
		platformServer.stubFor(post(TOKEN_PATH).willReturn(moodleToken("opaque-token-1", 3600)));
	}

	@Test
	void requestsTokenWithFormEncodedClientCredentialsAndSortedScopes() {
		tokens.token(platform, SCORE_SCOPES);

		platformServer.verify(postRequestedFor(urlEqualTo(TOKEN_PATH))
			.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
			.withFormParam("grant_type", equalTo("client_credentials"))
			.withFormParam("client_assertion_type", equalTo("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
			.withFormParam("scope", equalTo("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem "
					+ "https://purl.imsglobal.org/spec/lti-ags/scope/score")));
	}

	@Test
	void clientAssertionIsSignedWithTheToolKeyForTheClientAndTheTokenEndpoint() throws Exception {
		tokens.token(platform, SCORE_SCOPES);

		SignedJWT assertion = SignedJWT.parse(tokenRequests().get(0).get("client_assertion"));
		JWTClaimsSet claims = assertion.getJWTClaimsSet();
		assertThat(assertion.verify(new RSASSAVerifier(toolKey.toRSAPublicKey()))).isTrue();
		assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(assertion.getHeader().getKeyID()).isEqualTo("tool-key-1");
		assertThat(claims.getIssuer()).isEqualTo("client-42");
		assertThat(claims.getSubject()).isEqualTo("client-42");
		assertThat(claims.getAudience()).containsExactly(platform.tokenEndpoint().toString());
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(clock.instant());
		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
	}

	@Test
	void everyClientAssertionHasItsOwnJti() throws Exception {
		tokens.token(platform, Set.of(AssignmentGradeService.SCOPE_SCORE));
		tokens.token(platform, Set.of(NamesRoleService.SCOPE));

		List<String> jtis = new ArrayList<>();
		for (Map<String, String> form : tokenRequests()) {
			jtis.add(SignedJWT.parse(form.get("client_assertion")).getJWTClaimsSet().getJWTID());
		}
		assertThat(jtis).hasSize(2).doesNotContainNull().doesNotHaveDuplicates();
	}

	@Test
	void readsMoodlesJsonAnswerServedAsTextHtml() {
		assertThat(tokens.token(platform, SCORE_SCOPES)).isEqualTo("opaque-token-1");
	}

	@Test
	void readsAnAnswerWithAnHttp10StatusLineAndNoContentLength() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> answerOnceAsMoodle(server));
			Platform moodle = platform(URI.create("http://127.0.0.1:" + server.getLocalPort() + TOKEN_PATH));

			assertThat(tokens.token(moodle, SCORE_SCOPES)).isEqualTo("raw-moodle-token");
			answered.get(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void reusesTheTokenWhileItIsFresh() {
		tokens.token(platform, SCORE_SCOPES);
		clock.advance(Duration.ofMinutes(58));

		assertThat(tokens.token(platform, SCORE_SCOPES)).isEqualTo("opaque-token-1");
		platformServer.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void fetchesANewTokenAMinuteBeforeTheOldOneExpires() {
		tokens.token(platform, SCORE_SCOPES);
		platformServer.stubFor(post(TOKEN_PATH).willReturn(moodleToken("opaque-token-2", 3600)));
		clock.advance(Duration.ofSeconds(3600 - 60));

		assertThat(tokens.token(platform, SCORE_SCOPES)).isEqualTo("opaque-token-2");
		platformServer.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void assumesAnHourWhenThePlatformDoesNotSayHowLongTheTokenLives() {
		platformServer.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"no-expiry\",\"token_type\":\"Bearer\"}")));
		tokens.token(platform, SCORE_SCOPES);
		clock.advance(Duration.ofMinutes(58));

		tokens.token(platform, SCORE_SCOPES);

		platformServer.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void keepsOneTokenPerScopeSetWhateverTheOrder() {
		tokens.token(platform, Set.of(AssignmentGradeService.SCOPE_SCORE, AssignmentGradeService.SCOPE_LINE_ITEM));
		tokens.token(platform, Set.of(AssignmentGradeService.SCOPE_LINE_ITEM, AssignmentGradeService.SCOPE_SCORE));
		tokens.token(platform, Set.of(NamesRoleService.SCOPE));

		platformServer.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void twentyThreadsNeedingATokenAtOnceCauseOneTokenRequest() throws Exception {
		platformServer.stubFor(post(TOKEN_PATH).willReturn(moodleToken("shared-token", 3600).withFixedDelay(500)));
		ExecutorService threads = Executors.newFixedThreadPool(20);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<String>> results = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				results.add(CompletableFuture.supplyAsync(() -> {
					awaitQuietly(start);
					return tokens.token(platform, SCORE_SCOPES);
				}, threads));
			}
			start.countDown();

			for (CompletableFuture<String> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("shared-token");
			}
		}
		finally {
			threads.shutdownNow();
		}
		platformServer.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void refusedTokenRequestIsAFinalPlatformServiceException() {
		platformServer.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "text/html")
			.withBody("{\n  \"error\" : \"invalid_client\"\n}")));

		assertThatThrownBy(() -> tokens.token(platform, SCORE_SCOPES)).isInstanceOfSatisfying(
				PlatformServiceException.class, ex -> {
					assertThat(ex.status()).hasValue(400);
					assertThat(ex.retryable()).isFalse();
					assertThat(ex.responseExcerpt()).contains("invalid_client");
				});
	}

	@Test
	void failedTokenRequestIsNotRememberedAsTheToken() {
		platformServer.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(503)));
		assertThatThrownBy(() -> tokens.token(platform, SCORE_SCOPES)).isInstanceOf(PlatformServiceException.class);
		platformServer.stubFor(post(TOKEN_PATH).willReturn(moodleToken("after-outage", 3600)));

		assertThat(tokens.token(platform, SCORE_SCOPES)).isEqualTo("after-outage");
	}

	static Platform platform(URI tokenEndpoint) {
		return new Platform(7, "Moodle", "https://moodle.example.edu", "client-42",
				URI.create("https://moodle.example.edu/mod/lti/auth.php"), tokenEndpoint,
				URI.create("https://moodle.example.edu/mod/lti/certs.php"), Set.of("3"), Set.of(),
				Platform.Source.DYNAMIC);
	}

	/** How Moodle's token.php answers: JSON, labelled as HTML. */
	static ResponseDefinitionBuilder moodleToken(String token, int expiresIn) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html; charset=utf-8")
			.withBody("{\n  \"access_token\" : \"" + token + "\",\n  \"token_type\" : \"Bearer\",\n  \"expires_in\" : "
					+ expiresIn + ",\n  \"scope\" : \"https://purl.imsglobal.org/spec/lti-ags/scope/score\"\n}");
	}

	private List<Map<String, String>> tokenRequests() {
		List<Map<String, String>> forms = new ArrayList<>();
		for (LoggedRequest request : platformServer.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))) {
			Map<String, String> form = new HashMap<>();
			for (String field : request.getBodyAsString().split("&")) {
				String[] pair = field.split("=", 2);
				form.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
						URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
			}
			forms.add(form);
		}
		return forms;
	}

	/** Answers one request the way PHP behind an old front end does: HTTP/1.0, body until the connection closes. */
	private static void answerOnceAsMoodle(ServerSocket server) {
		try (Socket socket = server.accept()) {
			InputStream in = socket.getInputStream();
			int contentLength = 0;
			for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
				if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
					contentLength = Integer.parseInt(line.substring("content-length:".length()).strip());
				}
			}
			in.readNBytes(contentLength);
			OutputStream out = socket.getOutputStream();
			out.write(("HTTP/1.0 200 OK\r\nContent-type: text/html\r\n\r\n"
					+ "{\n  \"access_token\" : \"raw-moodle-token\",\n  \"token_type\" : \"Bearer\",\n"
					+ "  \"expires_in\" : 3600,\n"
					+ "  \"scope\" : \"https://purl.imsglobal.org/spec/lti-ags/scope/score\"\n}")
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	private static void awaitQuietly(CountDownLatch start) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
