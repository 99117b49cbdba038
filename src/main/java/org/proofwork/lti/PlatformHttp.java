package org.proofwork.lti;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Sends one HTTP request to a platform and turns every way it can go wrong into a
 * {@link PlatformServiceException}. Bodies are read as bytes and parsed here, whatever the {@code Content-Type} says:
 * Moodle answers JSON as {@code text/html}.
 */
@Component
class PlatformHttp {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** Long enough for a roster page of a big course, short enough that a hung platform frees the thread. */
	static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

	/**
	 * The wire formats are fixed by the LTI specifications, not by how the application likes its own JSON, so they
	 * are read and written with a plain mapper rather than the application's configured one.
	 */
	static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient http;

	private final Clock clock;

	/**
	 * Spring Boot 4 auto-configures a {@code RestClient.Builder} only with {@code spring-boot-restclient} on the
	 * class path; without it the plain builder does, since the factory and timeouts are set here anyway.
	 */
	@Autowired
	PlatformHttp(ObjectProvider<RestClient.Builder> builders, Clock clock) {
		this(builders.getIfAvailable(RestClient::builder), clock, READ_TIMEOUT);
	}

	PlatformHttp(RestClient.Builder builder, Clock clock, Duration readTimeout) {
		// HTTP/1.1 only: a cleartext HTTP/2 upgrade attempt confuses some PHP hosts and proxies in front of LMSs.
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(CONNECT_TIMEOUT)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(readTimeout);
		// The builder may be shared (a Boot-managed bean): configure a copy.
		this.http = builder.clone()
			.requestFactory(requests)
			.defaultHeader(HttpHeaders.USER_AGENT, "Proofwork LTI tool")
			.build();
		this.clock = clock;
	}

	/**
	 * Sends the request and returns a 2xx answer.
	 * @throws PlatformServiceException for any other answer or none
	 */
	Answer send(HttpMethod method, URI url, Consumer<HttpHeaders> headers, byte[] body) {
		String request = method.name() + " " + withoutQuery(url);
		Answer answer;
		try {
			RestClient.RequestBodySpec spec = http.method(method).uri(url).headers(headers);
			if (body != null) {
				spec.body(body);
			}
			answer = spec.exchange((req, res) -> new Answer(res.getStatusCode().value(),
					HttpHeaders.readOnlyHttpHeaders(HttpHeaders.copyOf(res.getHeaders())), readAll(res.getBody())));
		}
		catch (ResourceAccessException ex) {
			throw PlatformServiceException.noAnswer(request, isTimeout(ex) ? "timed out" : "unreachable", ex);
		}
		catch (RestClientException ex) {
			throw PlatformServiceException.noAnswer(request, "unreadable answer", ex);
		}
		if (answer.status() < 200 || answer.status() >= 300) {
			throw PlatformServiceException.answered(request, answer.status(), answer.headers(), answer.body(),
					clock.instant());
		}
		return answer;
	}

	/** The answer's body as JSON. */
	JsonNode json(Answer answer, HttpMethod method, URI url) {
		String request = method.name() + " " + withoutQuery(url);
		if (answer.body().length == 0) {
			throw PlatformServiceException.unreadable(request, answer.status(), "empty answer", answer.body(), null);
		}
		try {
			return JSON.readTree(answer.body());
		}
		catch (JacksonException ex) {
			throw PlatformServiceException.unreadable(request, answer.status(), "answer is not JSON", answer.body(),
					ex);
		}
	}

	static byte[] json(JsonNode node) {
		return JSON.writeValueAsBytes(node);
	}

	/** Query strings are kept out of messages and logs: the shape of the URL says enough. */
	private static String withoutQuery(URI url) {
		String text = url.toString();
		int query = text.indexOf('?');
		return query < 0 ? text : text.substring(0, query);
	}

	private static boolean isTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static byte[] readAll(InputStream body) throws IOException {
		return body == null ? new byte[0] : StreamUtils.copyToByteArray(body);
	}

	/** A platform's answer, read completely so the connection can go back to the pool. */
	record Answer(int status, HttpHeaders headers, byte[] body) {
	}
}
