package org.proofwork.lti;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.system.ProofworkProperties;
import org.proofwork.system.UserFacingException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LTI Dynamic Registration 1.0, tool side: reads the platform's OpenID configuration, sends the tool's configuration
 * (messages, scopes, claims) to the platform's registration endpoint, and registers the platform with the client_id
 * and deployment it assigns.
 */
@Service
class DynamicRegistration {

	static final String PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";

	static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";

	static final List<String> SCOPES = List.of("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
			"https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
			"https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
			"https://purl.imsglobal.org/spec/lti-ags/scope/score",
			"https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");

	private static final Logger log = LoggerFactory.getLogger(DynamicRegistration.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PlatformRegistry registry;

	private final ProofworkProperties proofwork;

	private final LtiSettings settings;

	private final RestClient http;

	DynamicRegistration(PlatformRegistry registry, ProofworkProperties proofwork, LtiSettings settings,
			ObjectProvider<RestClient.Builder> builders) {
		this.registry = registry;
		this.proofwork = proofwork;
		this.settings = settings;
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(Duration.ofSeconds(5));
		requests.setReadTimeout(Duration.ofSeconds(20));
		this.http = builders.getIfAvailable(RestClient::builder).clone().requestFactory(requests).build();
	}

	/** What the registration produced, for the page that closes the platform's registration window. */
	record Result(Platform platform, String productFamily) {
	}

	Result register(String openidConfigurationUrl, String registrationToken) {
		URI configurationUri = platformUrl(openidConfigurationUrl, "openid_configuration");
		JsonNode configuration = fetchConfiguration(configurationUri);
		String issuer = required(configuration, "issuer");
		URI issuerUri = platformUrl(issuer, "issuer");
		if (!issuerUri.getHost().equalsIgnoreCase(configurationUri.getHost())) {
			throw refusal("lti.registration.issuer-mismatch", "issuer " + issuer + " is not on the host of "
					+ configurationUri);
		}
		URI registrationEndpoint = platformUrl(required(configuration, "registration_endpoint"),
				"registration_endpoint");
		JsonNode answer = post(registrationEndpoint, registrationToken, toolConfiguration(configuration));
		String clientId = answer.path("client_id").asString(null);
		if (clientId == null || clientId.isBlank()) {
			throw refusal("lti.registration.no-client-id", "registration answer without client_id: " + answer);
		}
		String deploymentId = answer.path(TOOL_CONFIGURATION).path("deployment_id").asString(null);
		String productFamily = configuration.path(PLATFORM_CONFIGURATION).path("product_family_code").asString("");
		Platform platform = registry.register(new PlatformDetails(
				productFamily.isBlank() ? issuer : productFamily + " " + issuer, issuer, clientId,
				platformUrl(required(configuration, "authorization_endpoint"), "authorization_endpoint"),
				platformUrl(required(configuration, "token_endpoint"), "token_endpoint"),
				platformUrl(required(configuration, "jwks_uri"), "jwks_uri"),
				deploymentId == null || deploymentId.isBlank() ? Set.of() : Set.of(deploymentId),
				List.of(LoginInitiationController.origin(issuerUri))), Platform.Source.DYNAMIC);
		log.info("Dynamic registration with {} ({}) gave client_id {} and deployment {}", issuer, productFamily,
				clientId, deploymentId);
		return new Result(platform, productFamily);
	}

	/** The tool's registration request, shaped so Moodle (which checks most of it) and Canvas both accept it. */
	Map<String, Object> toolConfiguration(JsonNode platformConfiguration) {
		String launch = proofwork.url("/lti/launch").toString();
		URI base = proofwork.baseUrl();
		Map<String, Object> tool = new LinkedHashMap<>();
		// Moodle compares the domain with the target_link_uri's host including the port.
		tool.put("domain", base.getHost() + (base.getPort() == -1 ? "" : ":" + base.getPort()));
		tool.put("description",
				"Evidence-based educator micro-credentials: submit evidence, get assessed against the rubric, "
						+ "grades go to the gradebook.");
		tool.put("target_link_uri", launch);
		tool.put("claims", List.of("iss", "sub", "name", "given_name", "family_name", "email"));
		tool.put("messages", List.of(
				Map.of("type", "LtiResourceLinkRequest", "target_link_uri", launch, "label", "Proofwork"),
				Map.of("type", "LtiDeepLinkingRequest", "target_link_uri", launch, "label",
						"Proofwork micro-credential", "placements", List.of("link_selection", "assignment_selection"),
						"supported_types", List.of("ltiResourceLink")),
				Map.of("type", "LtiSubmissionReviewRequest", "target_link_uri", launch, "label",
						"Review in Proofwork")));
		tool.put("https://canvas.instructure.com/lti/privacy_level", "public");

		Map<String, Object> registration = new LinkedHashMap<>();
		registration.put("application_type", "web");
		registration.put("response_types", List.of("id_token"));
		registration.put("grant_types", List.of("implicit", "client_credentials"));
		registration.put("initiate_login_uri", proofwork.url("/lti/login").toString());
		registration.put("redirect_uris", List.of(launch));
		registration.put("client_name", "Proofwork");
		registration.put("jwks_uri", proofwork.url("/.well-known/jwks.json").toString());
		registration.put("logo_uri", proofwork.url("/images/proofwork-icon.png").toString());
		registration.put("token_endpoint_auth_method", "private_key_jwt");
		registration.put("scope", String.join(" ", scopes(platformConfiguration)));
		registration.put(TOOL_CONFIGURATION, tool);
		return registration;
	}

	/** The scopes the tool wants, limited to those the platform says it supports (when it says). */
	private static List<String> scopes(JsonNode configuration) {
		JsonNode supported = configuration.path("scopes_supported");
		if (!supported.isArray() || supported.isEmpty()) {
			return SCOPES;
		}
		List<String> offered = new ArrayList<>();
		supported.forEach(scope -> offered.add(scope.asString()));
		return SCOPES.stream().filter(offered::contains).toList();
	}

	private JsonNode fetchConfiguration(URI uri) {
		try {
			String body = http.get().uri(uri).accept(MediaType.APPLICATION_JSON).retrieve().body(String.class);
			return json.readTree(body == null ? "{}" : body);
		}
		catch (RestClientException | tools.jackson.core.JacksonException ex) {
			throw new UserFacingException(HttpStatus.BAD_GATEWAY, "lti.registration.unreachable.title",
					"lti.registration.unreachable.advice", "openid configuration " + uri + ": " + ex.getMessage());
		}
	}

	private JsonNode post(URI endpoint, String token, Map<String, Object> registration) {
		try {
			RestClient.RequestBodySpec request = http.post().uri(endpoint).contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON);
			if (token != null && !token.isBlank()) {
				request.header("Authorization", "Bearer " + token);
			}
			String body = request.body(json.writeValueAsString(registration)).retrieve().body(String.class);
			return json.readTree(body == null ? "{}" : body);
		}
		catch (RestClientResponseException ex) {
			String said = ex.getResponseBodyAsString();
			said = said.length() > 300 ? said.substring(0, 300) : said;
			throw new UserFacingException(HttpStatus.BAD_GATEWAY, "lti.registration.refused.title",
					"lti.registration.refused.advice",
					"registration endpoint " + endpoint + " answered " + ex.getStatusCode() + ": " + said,
					ex.getStatusCode().value() + " " + said);
		}
		catch (RestClientException | tools.jackson.core.JacksonException ex) {
			throw new UserFacingException(HttpStatus.BAD_GATEWAY, "lti.registration.unreachable.title",
					"lti.registration.unreachable.advice", "registration endpoint " + endpoint + ": " + ex.getMessage());
		}
	}

	private URI platformUrl(String value, String what) {
		URI uri;
		try {
			uri = value == null ? null : URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			uri = null;
		}
		boolean https = uri != null && "https".equals(uri.getScheme());
		boolean allowedHttp = uri != null && "http".equals(uri.getScheme()) && settings.allowInsecurePlatformUrls();
		if (uri == null || uri.getHost() == null || !(https || allowedHttp)) {
			throw refusal("lti.registration.bad-url", what + " is not an https URL: " + value);
		}
		return uri;
	}

	private static String required(JsonNode configuration, String field) {
		String value = configuration.path(field).asString(null);
		if (value == null || value.isBlank()) {
			throw refusal("lti.registration.incomplete", "openid configuration without " + field, field);
		}
		return value;
	}

	private static UserFacingException refusal(String code, String logReason, Object... arguments) {
		return new UserFacingException(HttpStatus.BAD_REQUEST, code + ".title", code + ".advice", logReason,
				arguments);
	}
}
