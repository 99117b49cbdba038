package org.proofwork.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * One person's browser for the benchmarks: a cookie store of its own (name to value, as a browser keeps them for one
 * host) over a shared {@link HttpClient}, redirects followed by hand so every request can be timed.
 */
final class BenchBrowser {

	static final HttpClient CLIENT = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final Map<String, String> cookies = new LinkedHashMap<>();

	HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	HttpResponse<String> post(String url, Map<String, String> form) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form))));
	}

	/** The {@code Cookie} header this browser sends, for a request built elsewhere (a streamed upload). */
	String cookieHeader() {
		return cookies.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + e.getValue())
			.collect(Collectors.joining("; "));
	}

	/** The raw body a page's uploader streams ({@code PUT}), with the page's CSRF token and any other headers. */
	HttpResponse<String> put(String url, byte[] body, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		return send(request);
	}

	/** A file, as bytes (thumbnails, photos). */
	HttpResponse<byte[]> bytes(String url) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30)), CLIENT,
				HttpResponse.BodyHandlers.ofByteArray());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return send(request.timeout(Duration.ofSeconds(30)), CLIENT);
	}

	/** Any request with this browser's cookies, through {@code client}, with the request's own timeout. */
	HttpResponse<String> send(HttpRequest.Builder request, HttpClient client) throws IOException, InterruptedException {
		return send(request, client, HttpResponse.BodyHandlers.ofString());
	}

	private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpClient client, HttpResponse.BodyHandler<T> body)
			throws IOException, InterruptedException {
		if (!cookies.isEmpty()) {
			request.header("Cookie", cookieHeader());
		}
		HttpResponse<T> response = client.send(request.build(), body);
		for (String header : response.headers().allValues("Set-Cookie")) {
			String pair = header.split(";", 2)[0];
			int eq = pair.indexOf('=');
			String name = pair.substring(0, eq).trim();
			String value = pair.substring(eq + 1).trim();
			if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
				cookies.remove(name);
			}
			else {
				cookies.put(name, value);
			}
		}
		return response;
	}

	static String location(HttpResponse<?> response, String base) {
		String location = response.headers().firstValue("Location").orElseThrow(
				() -> new IllegalStateException("no Location in " + response.statusCode() + " from " + response.uri()));
		return location.startsWith("http") ? location : base + location;
	}

	static String query(String url, String name) {
		List<String> values = UriComponentsBuilder.fromUriString(url).build().getQueryParams().get(name);
		return values == null ? null : URLDecoder.decode(values.get(0), StandardCharsets.UTF_8);
	}

	static String form(Map<String, String> values) {
		return values.entrySet()
			.stream()
			.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
