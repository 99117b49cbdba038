package org.proofwork.lti;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Access tokens for a platform's LTI Advantage services: OAuth 2 client credentials where the tool authenticates
 * with a JWT signed by its own key (RFC 7523, as the LTI Security Framework requires). A token is kept per
 * registration and scope set until shortly before it expires; when many threads need the same token at once, one
 * of them asks the platform and the others wait for its answer.
 */
@Component
class PlatformAccessTokens {

	private static final Logger log = LoggerFactory.getLogger(PlatformAccessTokens.class);

	static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	/** How long the client assertion is valid: it is used once, at once. */
	static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(5);

	/** Platforms that do not say how long a token lives (Moodle and Canvas do) issue one-hour tokens. */
	static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

	/** A token is replaced this long before it expires, so a request never leaves with a token about to die. */
	static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(60);

	private final Map<TokenKey, CompletableFuture<AccessToken>> tokens = new ConcurrentHashMap<>();

	private final Supplier<RSAKey> signingKey;

	private final PlatformHttp http;

	private final Clock clock;

	@Autowired
	PlatformAccessTokens(ToolKeys keys, PlatformHttp http, Clock clock) {
		this(keys::signingKey, http, clock);
	}

	PlatformAccessTokens(Supplier<RSAKey> signingKey, PlatformHttp http, Clock clock) {
		this.signingKey = signingKey;
		this.http = http;
		this.clock = clock;
	}

	/**
	 * Calls a service with a bearer token for the scopes. A 401 answer means the platform no longer accepts the
	 * token (revoked, or the platform's clock differs): the call is repeated once with a new token.
	 */
	<T> T authorized(Platform platform, Set<String> scopes, Function<String, T> call) {
		TokenKey key = TokenKey.of(platform, scopes);
		AccessToken token = token(platform, key);
		try {
			return call.apply(token.value());
		}
		catch (PlatformServiceException ex) {
			if (ex.status().orElse(0) != 401) {
				throw ex;
			}
			forget(key, token);
			return call.apply(token(platform, key).value());
		}
	}

	/** A bearer token for the scopes, from the cache while it is fresh. */
	String token(Platform platform, Set<String> scopes) {
		return token(platform, TokenKey.of(platform, scopes)).value();
	}

	private AccessToken token(Platform platform, TokenKey key) {
		while (true) {
			CompletableFuture<AccessToken> known = tokens.get(key);
			if (known != null && !known.isDone()) {
				return await(known);
			}
			if (known != null && !known.isCompletedExceptionally()) {
				AccessToken token = known.join();
				if (token.freshAt(clock.instant())) {
					return token;
				}
			}
			CompletableFuture<AccessToken> mine = new CompletableFuture<>();
			boolean claimed = known == null ? tokens.putIfAbsent(key, mine) == null : tokens.replace(key, known, mine);
			if (!claimed) {
				// Another thread started a request (or stored a token) first: use its result.
				continue;
			}
			try {
				AccessToken token = request(platform, key);
				mine.complete(token);
				return token;
			}
			catch (RuntimeException | Error ex) {
				// Threads already waiting share this failure; the next caller asks the platform again.
				tokens.remove(key, mine);
				mine.completeExceptionally(ex);
				throw ex;
			}
		}
	}

	private void forget(TokenKey key, AccessToken refused) {
		// Only the refused token: another thread may already have stored its replacement.
		tokens.computeIfPresent(key, (k, current) -> current.isDone() && !current.isCompletedExceptionally()
				&& current.join() == refused ? null : current);
	}

	private static AccessToken await(CompletableFuture<AccessToken> pending) {
		try {
			return pending.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private AccessToken request(Platform platform, TokenKey key) {
		Instant requestedAt = clock.instant();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("client_assertion_type", JWT_BEARER);
		form.put("client_assertion", assertion(platform, requestedAt));
		// Moodle refuses a token request without scope; it grants the requested scopes it permits.
		form.put("scope", key.scope());
		URI endpoint = platform.tokenEndpoint();
		PlatformHttp.Answer answer = http.send(HttpMethod.POST, endpoint, headers -> {
			headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
			headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		}, formEncoded(form));
		JsonNode body = http.json(answer, HttpMethod.POST, endpoint);
		String accessToken = body.path("access_token").asString("");
		if (accessToken.isBlank()) {
			throw PlatformServiceException.unreadable("POST " + endpoint, answer.status(), "no access_token in answer",
					answer.body(), null);
		}
		Duration lifetime = lifetime(body.path("expires_in"));
		// Renew early, but never so early that a short-lived token is not used at all.
		Duration margin = RENEW_BEFORE_EXPIRY.compareTo(lifetime.dividedBy(2)) < 0 ? RENEW_BEFORE_EXPIRY
				: lifetime.dividedBy(2);
		log.info("Obtained an access token from platform {} for {}, valid for {} s", platform.id(), key.scope(),
				lifetime.toSeconds());
		return new AccessToken(accessToken, requestedAt.plus(lifetime).minus(margin));
	}

	/** {@code expires_in} is a number of seconds; some platforms send it as a string. */
	private static Duration lifetime(JsonNode expiresIn) {
		long seconds = expiresIn.isNumber() ? expiresIn.asLong() : parseSeconds(expiresIn.asString(""));
		return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
	}

	private static long parseSeconds(String text) {
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private String assertion(Platform platform, Instant now) {
		RSAKey key = signingKey.get();
		Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(platform.clientId())
			.subject(platform.clientId())
			.audience(platform.tokenEndpoint().toString())
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plus(ASSERTION_LIFETIME)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
			.type(JOSEObjectType.JWT)
			.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a client assertion with key " + key.getKeyID(), ex);
		}
		return jwt.serialize();
	}

	private static byte[] formEncoded(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"))
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Tokens are per registration (its id, and the client_id and endpoint it had, so a changed registration gets a
	 * new token) and per scope set, in a fixed order.
	 */
	private record TokenKey(long platformId, String clientId, URI tokenEndpoint, String scope) {

		static TokenKey of(Platform platform, Set<String> scopes) {
			if (scopes.isEmpty()) {
				throw new IllegalArgumentException("A token request needs at least one scope");
			}
			return new TokenKey(platform.id(), platform.clientId(), platform.tokenEndpoint(),
					String.join(" ", new TreeSet<>(scopes)));
		}
	}

	/** A bearer token and the moment it should be replaced (before the platform's expiry). */
	private record AccessToken(String value, Instant renewAt) {

		boolean freshAt(Instant now) {
			return now.isBefore(renewAt);
		}

		/** Keeps the token itself out of logs and debugger views. */
		@Override
		public String toString() {
			return "AccessToken[renewAt=" + renewAt + "]";
		}
	}
}
