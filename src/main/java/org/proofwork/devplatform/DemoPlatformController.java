package org.proofwork.devplatform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the tool's server talks to: the demo LMS's key set, its OpenID configuration (LTI Dynamic Registration 1.0),
 * the registration endpoint and the OAuth 2.0 token endpoint.
 */
@RestController
@Profile("dev")
@RequestMapping(DemoPlatform.ROOT)
class DemoPlatformController {

	private static final Logger log = LoggerFactory.getLogger(DemoPlatformController.class);

	private final DemoPlatformKeys keys;

	private final DemoPlatform platform;

	private final DemoToolRegistration registration;

	private final DemoAccessTokens tokens;

	DemoPlatformController(DemoPlatformKeys keys, DemoPlatform platform, DemoToolRegistration registration,
			DemoAccessTokens tokens) {
		this.keys = keys;
		this.platform = platform;
		this.registration = registration;
		this.tokens = tokens;
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> jwks() {
		return keys.publicKeySet().toJSONObject(true);
	}

	@GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> openIdConfiguration() {
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("issuer", platform.issuer());
		configuration.put("authorization_endpoint", platform.authorization());
		configuration.put("token_endpoint", platform.token());
		configuration.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
		configuration.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256"));
		configuration.put("jwks_uri", platform.jwks());
		configuration.put("registration_endpoint", platform.registrations());
		List<String> scopes = new ArrayList<>(List.of("openid"));
		scopes.addAll(LtiVocabulary.SERVICE_SCOPES);
		configuration.put("scopes_supported", scopes);
		configuration.put("response_types_supported", List.of("id_token"));
		configuration.put("subject_types_supported", List.of("public", "pairwise"));
		configuration.put("id_token_signing_alg_values_supported", List.of("RS256"));
		configuration.put("claims_supported",
				List.of("iss", "aud", "sub", "name", "given_name", "family_name", "email"));
		configuration.put(LtiVocabulary.PLATFORM_CONFIGURATION,
				Map.of("product_family_code", DemoPlatform.PRODUCT_FAMILY_CODE, "version", DemoPlatform.VERSION,
						"messages_supported", List.of(Map.of("type", LtiVocabulary.RESOURCE_LINK_REQUEST),
								Map.of("type", LtiVocabulary.DEEP_LINKING_REQUEST),
								Map.of("type", LtiVocabulary.SUBMISSION_REVIEW_REQUEST))));
		return configuration;
	}

	@PostMapping(path = "/registrations", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> register(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody(required = false) String body) {
		String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				? authorization.substring(7).trim() : null;
		return registration.register(token, JsonObject.parse("registration", body));
	}

	@PostMapping(path = "/token", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> token(@RequestParam(name = "grant_type", required = false) String grantType,
			@RequestParam(name = "client_assertion_type", required = false) String assertionType,
			@RequestParam(name = "client_assertion", required = false) String assertion,
			@RequestParam(required = false) String scope) {
		DemoAccessTokens.IssuedToken issued = tokens.issue(grantType, assertionType, assertion, scope);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(Map.of("access_token", issued.accessToken(), "token_type", "Bearer", "expires_in",
					issued.expiresIn(), "scope", String.join(" ", issued.scopes())));
	}

	@ExceptionHandler(DemoAccessTokens.RefusedTokenRequest.class)
	ResponseEntity<Map<String, Object>> refusedToken(DemoAccessTokens.RefusedTokenRequest refusal) {
		log.info("Demo LMS refused a token request with {}: {}", refusal.error(), refusal.getMessage());
		return ResponseEntity.status(refusal.status())
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", refusal.error(), "error_description", refusal.getMessage()));
	}
}
