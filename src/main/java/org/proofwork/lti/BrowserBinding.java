package org.proofwork.lti;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseCookie;

/**
 * Ties a login to the browser that started it: a random secret goes to the browser (a cookie, or LTI Platform
 * Storage when the browser blocks the cookie), only its hash to the database. The launch must present it, so an
 * id_token replayed or posted from another browser cannot sign that browser in (login CSRF).
 */
final class BrowserBinding {

	static final String COOKIE_PREFIX = "lti_state_";

	private static final SecureRandom random = new SecureRandom();

	private BrowserBinding() {
	}

	static String randomToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean matches(String secret, String expectedHash) {
		return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
				expectedHash.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * The cookie must reach the tool inside the LMS's iframe: {@code SameSite=None; Secure; Partitioned} over HTTPS;
	 * over plain HTTP (local demo, same site) {@code Lax}.
	 */
	static void setCookie(HttpServletRequest request, HttpServletResponse response, String state, String secret,
			long maxAgeSeconds) {
		boolean https = request.isSecure();
		ResponseCookie cookie = ResponseCookie.from(COOKIE_PREFIX + state, secret)
			.path("/lti/")
			.httpOnly(true)
			.secure(https)
			.sameSite(https ? "None" : "Lax")
			.partitioned(https)
			.maxAge(maxAgeSeconds)
			.build();
		response.addHeader("Set-Cookie", cookie.toString());
	}

	static void clearCookie(HttpServletRequest request, HttpServletResponse response, String state) {
		setCookie(request, response, state, "", 0);
	}

	static Optional<String> cookie(HttpServletRequest request, String state) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		for (Cookie cookie : cookies) {
			if ((COOKIE_PREFIX + state).equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
				return Optional.of(cookie.getValue());
			}
		}
		return Optional.empty();
	}
}
