package org.proofwork.devplatform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo LMS running in the {@code dev} profile, reached over real HTTP the way the tool and a browser reach it.
 * The port is chosen before the application starts, because the tool's base URL (and so the LMS's issuer) must name
 * it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
abstract class DemoLmsHttpTest {

	static final int PORT = freePort();

	static final String BASE = "http://localhost:" + PORT;

	static final String LMS = BASE + "/dev/lms";

	static final String INSTRUCTOR = "7f3a9c21e8";

	static final String TEACHING_ASSISTANT = "b41d06e5a2";

	static final String LEE = "2c8e5f9047";

	static final String MARIA = "e96b13d7c0";

	static final String LINE_ITEMS = LMS + "/courses/" + DemoCourse.ID + "/lineitems?type_id=1";

	static final String MEMBERSHIPS = LMS + "/courses/" + DemoCourse.ID + "/memberships";

	static final TestTool tool = new TestTool(BASE);

	static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]*)\"");

	private static final Pattern HIDDEN_FIELD = Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"");

	private static final Pattern REGISTRATION_TOKEN = Pattern.compile("registration_token=([A-Za-z0-9_-]+)");

	final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	/** The client_id the demo LMS gave the test tool in {@link #register()}. */
	String clientId;

	@DynamicPropertySource
	static void serveAtTheToolsBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("proofwork.base-url", () -> BASE);
	}

	@BeforeEach
	void serverListensAtTheBaseUrl() {
		assertThat(port).isEqualTo(PORT);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Registers the test tool through Dynamic Registration, as the tool's registration page would. */
	String register() throws Exception {
		HttpResponse<String> response = postJson(LMS + "/registrations", "application/json",
				tool.registrationRequest(), "Authorization", "Bearer " + registrationToken());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		clientId = (String) jsonOf(response).get("client_id");
		return clientId;
	}

	/** The token the home page hands the tool's registration page, as a platform does in the query string. */
	String registrationToken() throws Exception {
		HttpResponse<String> home = get(LMS);
		assertThat(home.statusCode()).isEqualTo(200);
		Matcher matcher = REGISTRATION_TOKEN.matcher(home.body());
		assertThat(matcher.find()).as("registration URL on the home page").isTrue();
		return matcher.group(1);
	}

	String accessToken(String... scopes) throws Exception {
		HttpResponse<String> response = postForm(LMS + "/token",
				Map.of("grant_type", "client_credentials", "client_assertion_type", DemoAccessTokens.JWT_BEARER,
						"client_assertion", tool.clientAssertion(clientId, LMS + "/token"), "scope",
						String.join(" ", scopes)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (String) jsonOf(response).get("access_token");
	}

	/** A launch as the browser runs it: the login initiation form, then the tool's authentication request. */
	JWTClaimsSet launch(String launchPath) throws Exception {
		Form login = form(get(LMS + launchPath, "Accept", "text/html"));
		String nonce = UUID.randomUUID().toString();
		Form idTokenPost = form(authenticate(login, BASE + "/lti/launch", nonce));
		assertThat(idTokenPost.action()).isEqualTo(BASE + "/lti/launch");
		assertThat(idTokenPost.fields()).containsEntry("state", "state-" + nonce);
		JWTClaimsSet claims = verifiedByTheLmsKeys(idTokenPost.fields().get("id_token"));
		assertThat(claims.getStringClaim("nonce")).isEqualTo(nonce);
		return claims;
	}

	HttpResponse<String> authenticate(Form login, String redirectUri, String nonce) throws Exception {
		Map<String, String> request = new LinkedHashMap<>();
		request.put("scope", "openid");
		request.put("response_type", "id_token");
		request.put("client_id", login.fields().get("client_id"));
		request.put("redirect_uri", redirectUri);
		request.put("login_hint", login.fields().get("login_hint"));
		request.put("state", "state-" + nonce);
		request.put("response_mode", "form_post");
		request.put("nonce", nonce);
		request.put("prompt", "none");
		request.put("lti_message_hint", login.fields().get("lti_message_hint"));
		return get(LMS + "/auth?" + formEncoded(request), "Accept", "text/html");
	}

	/** Verifies an id_token with the key set the demo LMS publishes, fetched over HTTP like a tool does. */
	static JWTClaimsSet verifiedByTheLmsKeys(String idToken) throws Exception {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
				JWKSourceBuilder.<SecurityContext>create(URI.create(LMS + "/.well-known/jwks.json").toURL()).build()));
		return processor.process(idToken, null);
	}

	/** Places an activity in the course through a Deep Linking launch and the tool's signed response. */
	HttpResponse<String> addActivity(String title, Map<String, Object> lineItem) throws Exception {
		JWTClaimsSet request = launch("/launch/deep-linking?as=" + INSTRUCTOR);
		@SuppressWarnings("unchecked")
		Map<String, Object> settings = (Map<String, Object>) request.getClaim(LtiVocabulary.DEEP_LINKING_SETTINGS);
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("type", "ltiResourceLink");
		item.put("title", title);
		item.put("url", BASE + "/lti/launch");
		item.put("custom", Map.of("credential", "planning-with-purpose-in-community-partnerships"));
		if (lineItem != null) {
			item.put("lineItem", lineItem);
		}
		return postForm((String) settings.get("deep_link_return_url"),
				Map.of("JWT", deepLinkingResponse(settings.get("data"), List.of(item))), "Accept", "text/html");
	}

	String deepLinkingResponse(Object data, List<Map<String, Object>> items) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(clientId)
			.audience(LMS)
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.claim("nonce", UUID.randomUUID().toString())
			.claim(LtiVocabulary.DEPLOYMENT_ID, "1")
			.claim(LtiVocabulary.MESSAGE_TYPE, "LtiDeepLinkingResponse")
			.claim(LtiVocabulary.VERSION, "1.3.0")
			.claim(LtiVocabulary.CONTENT_ITEMS, items);
		if (data != null) {
			claims.claim(LtiVocabulary.DEEP_LINKING_DATA, data);
		}
		return TestTool.sign(tool.key, claims.build());
	}

	record Form(String action, Map<String, String> fields) {
	}

	static Form form(HttpResponse<String> page) {
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		Matcher action = FORM_ACTION.matcher(page.body());
		assertThat(action.find()).as("a form in " + page.body()).isTrue();
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher field = HIDDEN_FIELD.matcher(page.body());
		while (field.find()) {
			fields.put(field.group(1), unescape(field.group(2)));
		}
		return new Form(unescape(action.group(1)), fields);
	}

	private static String unescape(String html) {
		return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
			.replace("&amp;", "&");
	}

	HttpResponse<String> get(String url, String... headers) throws Exception {
		return http.send(request(url, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> postForm(String url, Map<String, String> form, String... headers) throws Exception {
		return http.send(request(url, headers).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formEncoded(form)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> postJson(String url, String contentType, Object body, String... headers) throws Exception {
		return http.send(request(url, headers).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(String url, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> jsonOf(HttpResponse<String> response) {
		return json.readValue(response.body(), Map.class);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Object json) {
		return (Map<String, Object>) json;
	}

	@SuppressWarnings("unchecked")
	static List<Object> asList(Object json) {
		return (List<Object>) json;
	}

	static String formEncoded(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}
}
