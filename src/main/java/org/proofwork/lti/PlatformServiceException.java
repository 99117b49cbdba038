package org.proofwork.lti;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.http.HttpHeaders;

/**
 * A platform's token endpoint or LTI Advantage service did not do what was asked. {@link #retryable()} tells the
 * caller whether sending the same request again later can succeed (the platform was down, slow or throttling) or
 * not (the platform refused the request itself: a stale score timestamp, a user who cannot be graded, an unknown
 * line item).
 */
public class PlatformServiceException extends RuntimeException {

	/** Enough of a platform's error page to see what it complained about, without filling logs with HTML. */
	static final int EXCERPT_LENGTH = 500;

	private final Integer status;

	private final boolean retryable;

	private final Duration retryAfter;

	private final String reason;

	private final String responseExcerpt;

	/**
	 * @param request the method and URL (without query string) that failed
	 * @param status the platform's HTTP status, or null when there was no answer
	 */
	public PlatformServiceException(String request, Integer status, boolean retryable, Duration retryAfter,
			String reason, String responseExcerpt, Throwable cause) {
		super(message(request, status, reason, responseExcerpt), cause);
		this.status = status;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
		this.reason = reason;
		this.responseExcerpt = responseExcerpt == null ? "" : responseExcerpt;
	}

	/** The platform answered with a status outside 2xx: what the answer means for trying again. */
	static PlatformServiceException answered(String request, int status, HttpHeaders headers, byte[] body,
			Instant now) {
		String excerpt = excerpt(body);
		Duration retryAfter = retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER), now);
		if (status == 429 || (status == 403 && isCanvasThrottling(headers, excerpt))) {
			return new PlatformServiceException(request, status, true, retryAfter, "rate limit exceeded", excerpt,
					null);
		}
		if (status >= 500 || status == 408) {
			return new PlatformServiceException(request, status, true, retryAfter, reason(status), excerpt, null);
		}
		if (status >= 300 && status < 400) {
			// Redirects are not followed: a POST would lose its body and the bearer token must stay with the URL
			// the platform announced. A redirect means the registered URL is wrong, so it is final.
			String location = headers.getFirst(HttpHeaders.LOCATION);
			return new PlatformServiceException(request, status, false, null,
					"redirected" + (location == null ? "" : " to " + location), excerpt, null);
		}
		return new PlatformServiceException(request, status, false, null, reason(status), excerpt, null);
	}

	/** No answer at all: the platform could not be reached or did not answer in time. */
	static PlatformServiceException noAnswer(String request, String reason, Throwable cause) {
		return new PlatformServiceException(request, null, true, null, reason, "", cause);
	}

	/** The platform said yes, but with an answer the tool cannot read (an HTML page instead of JSON, say). */
	static PlatformServiceException unreadable(String request, int status, String reason, byte[] body,
			Throwable cause) {
		return new PlatformServiceException(request, status, false, null, reason, excerpt(body), cause);
	}

	/** The HTTP status of the platform's answer; empty when there was none (unreachable, timed out). */
	public OptionalInt status() {
		return status == null ? OptionalInt.empty() : OptionalInt.of(status);
	}

	/** Whether the same request may succeed later; false means the platform refused this request for good. */
	public boolean retryable() {
		return retryable;
	}

	/** How long the platform asked the tool to wait ({@code Retry-After}), when it said so. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(retryAfter);
	}

	/** A few words on what went wrong, for logs and for the people who look after grade delivery. */
	public String reason() {
		return reason;
	}

	/** The beginning of the platform's response body (its own words on what it refused), or empty. */
	public String responseExcerpt() {
		return responseExcerpt;
	}

	/**
	 * Canvas throttles per developer key with 403 rather than 429: its body says "Rate Limit Exceeded" and
	 * {@code X-Rate-Limit-Remaining} is {@code 0.0}. Any other 403 is a real refusal.
	 */
	private static boolean isCanvasThrottling(HttpHeaders headers, String excerpt) {
		if (excerpt.toLowerCase(Locale.ROOT).contains("rate limit exceeded")) {
			return true;
		}
		String remaining = headers.getFirst("X-Rate-Limit-Remaining");
		if (remaining == null) {
			return false;
		}
		try {
			return Double.parseDouble(remaining.strip()) <= 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static String reason(int status) {
		return switch (status) {
			case 400 -> "bad request";
			case 401 -> "access token refused";
			case 403 -> "forbidden";
			case 404 -> "not found";
			case 405 -> "method not allowed";
			case 408 -> "request timeout";
			case 409 -> "conflict";
			case 415 -> "unsupported media type";
			case 422 -> "unprocessable";
			case 502, 503, 504 -> "platform unavailable";
			default -> status >= 500 ? "platform error" : "refused";
		};
	}

	/** {@code Retry-After} is either delay-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
	static Duration retryAfter(String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.matches("\\d{1,12}(\\.\\d+)?")) {
			// Fractions are not in the RFC, but a throttle that sends them still means them.
			long millis = new BigDecimal(text).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
			return Duration.ofMillis(millis);
		}
		try {
			Duration until = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
			return until.isNegative() ? Duration.ZERO : until;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static String excerpt(byte[] body) {
		if (body == null || body.length == 0) {
			return "";
		}
		// Decoding only the start keeps a multi-megabyte error page cheap; a character cut in half is harmless here.
		String text = new String(body, 0, Math.min(body.length, EXCERPT_LENGTH * 4), StandardCharsets.UTF_8).strip();
		return text.length() <= EXCERPT_LENGTH ? text : text.substring(0, EXCERPT_LENGTH) + "…";
	}

	private static String message(String request, Integer status, String reason, String excerpt) {
		StringBuilder message = new StringBuilder(request).append(": ").append(reason);
		if (status != null) {
			message.append(" (HTTP ").append(status).append(')');
		}
		if (excerpt != null && !excerpt.isEmpty()) {
			message.append(": ").append(excerpt);
		}
		return message.toString();
	}
}
