package org.proofwork.devplatform;

import java.net.MalformedURLException;
import java.net.URI;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The tool registered with the demo LMS through LTI Dynamic Registration, held in memory: one tool, one deployment
 * ({@code "1"}), replaced by the next registration. It checks a registration the way Moodle does and verifies the
 * JWTs the tool signs with the key set the tool published, fetched over HTTP.
 */
@Component
@Profile("dev")
class DemoToolRegistration {

	static final String DEPLOYMENT_ID = "1";

	/** Like Moodle's: valid for an hour, good for one registration. */
	static final Duration REGISTRATION_TOKEN_LIFETIME = Duration.ofHours(1);

	private static final Logger log = LoggerFactory.getLogger(DemoToolRegistration.class);

	private static final SecureRandom random = new SecureRandom();

	private static final Set<String> MESSAGE_TYPES = Set.of(LtiVocabulary.RESOURCE_LINK_REQUEST,
			LtiVocabulary.DEEP_LINKING_REQUEST, LtiVocabulary.SUBMISSION_REVIEW_REQUEST);

	/** What the demo LMS knows about the registered tool; {@code messageTargets} maps message types to a URL or "". */
	record RegisteredTool(String clientId, String clientName, String initiateLoginUri, List<String> redirectUris,
			String targetLinkUri, String jwksUri, Map<String, String> messageTargets, Set<String> scopes,
			Map<String, String> custom, Instant registeredAt, JWKSource<SecurityContext> keys) {

		boolean supports(String messageType) {
			return messageTargets.containsKey(messageType);
		}

		/** Where a message of this type goes when nothing more specific is known. */
		String targetFor(String messageType) {
			String target = messageTargets.get(messageType);
			return target == null || target.isBlank() ? targetLinkUri : target;
		}

		boolean grants(String scope) {
			return scopes.contains(scope);
		}
	}

	/** A JWT from the tool that failed verification, with why. */
	static class RejectedJwt extends Exception {

		RejectedJwt(String reason) {
			super(reason);
		}
	}

	private final Map<String, Instant> registrationTokens = new ConcurrentHashMap<>();

	private final Clock clock;

	private volatile RegisteredTool tool;

	DemoToolRegistration(Clock clock) {
		this.clock = clock;
	}

	Optional<RegisteredTool> current() {
		return Optional.ofNullable(tool);
	}

	/** The registered tool, or a refusal for a flow that needs one. */
	RegisteredTool require() {
		return current().orElseThrow(() -> DemoRefusal
			.badRequest("Proofwork is not registered with the demo LMS yet: register it on the demo LMS home page"));
	}

	/** A new single-use registration token for opening the tool's registration page. */
	String newRegistrationToken() {
		Instant now = clock.instant();
		registrationTokens.values().removeIf(expiry -> expiry.isBefore(now));
		String token = randomToken();
		registrationTokens.put(token, now.plus(REGISTRATION_TOKEN_LIFETIME));
		return token;
	}

	/**
	 * Registers the tool from its client registration request and answers with the registration as the platform
	 * stored it. A request Moodle would refuse is refused with 400; the token stays usable then, so the tool can be
	 * fixed and try again.
	 */
	Map<String, Object> register(String registrationToken, JsonObject request) {
		Instant expiry = registrationToken == null ? null : registrationTokens.get(registrationToken);
		if (expiry == null || expiry.isBefore(clock.instant())) {
			throw new DemoRefusal(HttpStatus.UNAUTHORIZED,
					"The registration token is missing, unknown, expired or already used");
		}
		RegisteredTool registered = validate(request);
		if (registrationTokens.remove(registrationToken) == null) {
			throw new DemoRefusal(HttpStatus.UNAUTHORIZED, "The registration token was used meanwhile");
		}
		tool = registered;
		log.info("Demo LMS registered {} as client_id {} (deployment {}, messages {}, scopes {})",
				registered.clientName(), registered.clientId(), DEPLOYMENT_ID, registered.messageTargets().keySet(),
				registered.scopes());
		return response(request, registered);
	}

	private RegisteredTool validate(JsonObject request) {
		String applicationType = request.text("application_type");
		if (applicationType != null && !"web".equals(applicationType)) {
			throw DemoRefusal.badRequest("application_type must be web, was " + applicationType);
		}
		String clientName = request.requiredText("client_name");
		List<String> responseTypes = request.strings("response_types");
		if (responseTypes == null || !responseTypes.contains("id_token")) {
			throw DemoRefusal.badRequest("response_types must contain id_token");
		}
		String initiateLoginUri = absoluteUrl(request, "initiate_login_uri");
		List<String> redirectUris = request.strings("redirect_uris");
		if (redirectUris == null || redirectUris.isEmpty()) {
			throw DemoRefusal.badRequest("redirect_uris is required: an array of the tool's redirect URLs");
		}
		String jwksUri = absoluteUrl(request, "jwks_uri");
		if (!"private_key_jwt".equals(request.text("token_endpoint_auth_method"))) {
			throw DemoRefusal.badRequest("token_endpoint_auth_method must be private_key_jwt");
		}
		JsonObject configuration = request.object(LtiVocabulary.TOOL_CONFIGURATION);
		if (configuration == null) {
			throw DemoRefusal.badRequest(LtiVocabulary.TOOL_CONFIGURATION + " is required");
		}
		String domain = configuration.requiredText("domain");
		String targetLinkUri = absoluteUrl(configuration, "target_link_uri");
		URI target = URI.create(targetLinkUri);
		// Moodle compares the domain with the target's host including a port, so "localhost" does not match
		// "http://localhost:8080/...".
		String targetHost = target.getHost() + (target.getPort() == -1 ? "" : ":" + target.getPort());
		if (!domain.equalsIgnoreCase(targetHost)) {
			throw DemoRefusal.badRequest("domain " + domain + " does not match the target_link_uri host " + targetHost);
		}
		Map<String, String> messageTargets = new LinkedHashMap<>();
		List<JsonObject> messages = configuration.objects("messages");
		for (JsonObject message : messages == null ? List.<JsonObject>of() : messages) {
			String type = message.requiredText("type");
			if (MESSAGE_TYPES.contains(type)) {
				String messageTarget = message.text("target_link_uri");
				messageTargets.put(type, messageTarget == null ? "" : messageTarget);
			}
		}
		// Every LTI tool takes resource link launches, whether it lists them or not.
		messageTargets.putIfAbsent(LtiVocabulary.RESOURCE_LINK_REQUEST, "");
		String scope = request.text("scope");
		Set<String> scopes = new LinkedHashSet<>();
		for (String requested : scope == null ? new String[0] : scope.trim().split("\\s+")) {
			if (LtiVocabulary.SERVICE_SCOPES.contains(requested)) {
				scopes.add(requested);
			}
		}
		JsonObject custom = configuration.object("custom_parameters");
		return new RegisteredTool(UUID.randomUUID().toString(), clientName, initiateLoginUri, redirectUris,
				targetLinkUri, jwksUri, Collections.unmodifiableMap(messageTargets),
				Collections.unmodifiableSet(scopes), custom == null ? Map.of() : custom.asStrings(),
				clock.instant().truncatedTo(ChronoUnit.SECONDS), keySource(jwksUri));
	}

	private static String absoluteUrl(JsonObject object, String name) {
		String value = object.requiredText(name);
		try {
			URI uri = URI.create(value);
			if (uri.getScheme() == null || uri.getHost() == null || !uri.getScheme().startsWith("http")) {
				throw DemoRefusal.badRequest(name + " must be an absolute http(s) URL, was " + value);
			}
			return value;
		}
		catch (IllegalArgumentException ex) {
			throw DemoRefusal.badRequest(name + " is not a URL: " + value);
		}
	}

	/** Fetches the tool's key set when needed, caches it, and fetches again when a JWT names an unknown key. */
	private static JWKSource<SecurityContext> keySource(String jwksUri) {
		try {
			return JWKSourceBuilder
				.<SecurityContext>create(URI.create(jwksUri).toURL(), new DefaultResourceRetriever(5_000, 5_000, 512 * 1024))
				.build();
		}
		catch (MalformedURLException ex) {
			throw DemoRefusal.badRequest("jwks_uri is not a URL: " + jwksUri);
		}
	}

	private static Map<String, Object> response(JsonObject request, RegisteredTool registered) {
		Map<String, Object> response = new LinkedHashMap<>(request.values());
		response.put("client_id", registered.clientId());
		response.put("scope", String.join(" ", registered.scopes()));
		Map<String, Object> configuration = new LinkedHashMap<>(
				request.object(LtiVocabulary.TOOL_CONFIGURATION).values());
		configuration.put("deployment_id", DEPLOYMENT_ID);
		response.put(LtiVocabulary.TOOL_CONFIGURATION, configuration);
		return response;
	}

	/**
	 * Verifies a JWT the registered tool signed (RS256, with a key from its key set), its expiry, and the claims that
	 * must be exactly as given.
	 */
	JWTClaimsSet verify(String token, String audience, JWTClaimsSet exactMatch, Set<String> required)
			throws RejectedJwt {
		RegisteredTool registered = current().orElseThrow(() -> new RejectedJwt("no tool is registered"));
		SignedJWT jwt;
		try {
			jwt = SignedJWT.parse(token);
		}
		catch (ParseException ex) {
			throw new RejectedJwt("not a signed JWT: " + ex.getMessage());
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, registered.keys()));
		processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience, exactMatch, required));
		try {
			return processor.process(jwt, null);
		}
		catch (BadJOSEException | JOSEException ex) {
			throw new RejectedJwt(ex.getMessage() + " (key set " + registered.jwksUri() + ")");
		}
	}

	static String randomToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
