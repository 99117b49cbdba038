package org.proofwork.devplatform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jwt.JWTClaimsSet;

import org.proofwork.devplatform.DemoToolRegistration.RegisteredTool;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The OAuth 2.0 client credentials grant of LTI Advantage: the tool proves who it is with a JWT signed by its own
 * key (private_key_jwt) and gets an opaque bearer token for the service scopes it was granted. Every service call
 * is checked against these tokens.
 */
@Component
@Profile("dev")
class DemoAccessTokens {

	static final Duration TOKEN_LIFETIME = Duration.ofSeconds(3600);

	static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	record IssuedToken(String accessToken, Set<String> scopes, long expiresIn) {
	}

	/** A token request refused with an OAuth 2.0 error code (RFC 6749 section 5.2). */
	static class RefusedTokenRequest extends RuntimeException {

		private final HttpStatus status;

		private final String error;

		RefusedTokenRequest(HttpStatus status, String error, String description) {
			super(description);
			this.status = status;
			this.error = error;
		}

		HttpStatus status() {
			return status;
		}

		String error() {
			return error;
		}
	}

	private record AccessToken(String clientId, Set<String> scopes, Instant expiresAt) {
	}

	private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

	/** Client assertion ids seen, until the assertion expires: each may be used once. */
	private final Map<String, Instant> usedAssertionIds = new ConcurrentHashMap<>();

	private final DemoToolRegistration registration;

	private final DemoPlatform platform;

	private final Clock clock;

	DemoAccessTokens(DemoToolRegistration registration, DemoPlatform platform, Clock clock) {
		this.registration = registration;
		this.platform = platform;
		this.clock = clock;
	}

	IssuedToken issue(String grantType, String assertionType, String assertion, String scope) {
		if (!"client_credentials".equals(grantType)) {
			throw new RefusedTokenRequest(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
					"grant_type must be client_credentials");
		}
		if (!JWT_BEARER.equals(assertionType) || assertion == null || assertion.isBlank()) {
			throw new RefusedTokenRequest(HttpStatus.BAD_REQUEST, "invalid_request",
					"client_assertion_type must be " + JWT_BEARER + " and client_assertion a JWT");
		}
		if (scope == null || scope.isBlank()) {
			throw new RefusedTokenRequest(HttpStatus.BAD_REQUEST, "invalid_scope", "scope is required");
		}
		RegisteredTool tool = registration.current()
			.orElseThrow(() -> new RefusedTokenRequest(HttpStatus.UNAUTHORIZED, "invalid_client",
					"no tool is registered"));
		JWTClaimsSet claims;
		try {
			claims = registration.verify(assertion, platform.token(),
					new JWTClaimsSet.Builder().issuer(tool.clientId()).subject(tool.clientId()).build(),
					Set.of("iss", "sub", "aud", "exp", "jti"));
		}
		catch (DemoToolRegistration.RejectedJwt ex) {
			throw new RefusedTokenRequest(HttpStatus.UNAUTHORIZED, "invalid_client",
					"client_assertion rejected: " + ex.getMessage());
		}
		Instant now = clock.instant();
		usedAssertionIds.values().removeIf(expiry -> expiry.isBefore(now));
		Instant assertionExpiry = claims.getExpirationTime().toInstant().plus(Duration.ofMinutes(1));
		if (usedAssertionIds.putIfAbsent(tool.clientId() + " " + claims.getJWTID(), assertionExpiry) != null) {
			throw new RefusedTokenRequest(HttpStatus.UNAUTHORIZED, "invalid_client",
					"client_assertion jti " + claims.getJWTID() + " was already used");
		}
		Set<String> granted = new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
		granted.retainAll(tool.scopes());
		if (granted.isEmpty()) {
			throw new RefusedTokenRequest(HttpStatus.BAD_REQUEST, "invalid_scope",
					"none of the scopes " + scope + " was granted to the tool at registration: " + tool.scopes());
		}
		tokens.values().removeIf(token -> token.expiresAt().isBefore(now));
		String value = DemoToolRegistration.randomToken();
		tokens.put(value, new AccessToken(tool.clientId(), Set.copyOf(granted), now.plus(TOKEN_LIFETIME)));
		return new IssuedToken(value, granted, TOKEN_LIFETIME.toSeconds());
	}

	/**
	 * Checks the {@code Authorization} header of a service call: 401 without a valid bearer token of the registered
	 * tool, 403 when the token lacks every one of the scopes that would allow the call.
	 */
	void require(String authorization, String... anyOfScopes) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new DemoRefusal(HttpStatus.UNAUTHORIZED, "A bearer token from " + platform.token() + " is required");
		}
		AccessToken token = tokens.get(authorization.substring(7).trim());
		String clientId = registration.current().map(RegisteredTool::clientId).orElse(null);
		if (token == null || token.expiresAt().isBefore(clock.instant()) || !token.clientId().equals(clientId)) {
			throw new DemoRefusal(HttpStatus.UNAUTHORIZED, "The bearer token is unknown or expired");
		}
		if (Arrays.stream(anyOfScopes).noneMatch(token.scopes()::contains)) {
			throw new DemoRefusal(HttpStatus.FORBIDDEN,
					"The token's scopes " + token.scopes() + " include none of " + Arrays.toString(anyOfScopes));
		}
	}
}
