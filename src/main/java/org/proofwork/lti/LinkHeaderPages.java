package org.proofwork.lti;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;

/**
 * Reads a paged AGS or NRPS collection by following {@code Link: <url>; rel="next"} (RFC 8288), as Canvas sends it.
 * A header that is not well-formed is ignored rather than guessed at: Moodle's line-items {@code Link} has
 * {@code &amp;} in its URLs and curly quotes around {@code rel}, and Moodle returns every item on one page anyway
 * when the tool does not ask for a {@code limit}.
 */
final class LinkHeaderPages {

	private static final Logger log = LoggerFactory.getLogger(LinkHeaderPages.class);

	/** Far beyond any real course (Canvas pages hold 50 members); stops a platform that pages forever. */
	static final int MAX_PAGES = 2_000;

	private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

	private LinkHeaderPages() {
	}

	/**
	 * Fetches the first page and every next page, collecting their items in order.
	 * @param fetch sends the request for one page
	 * @param items reads the items of one page's answer
	 */
	static <T> List<T> collect(URI first, Function<URI, PlatformHttp.Answer> fetch,
			BiFunction<URI, PlatformHttp.Answer, List<T>> items) {
		List<T> all = new ArrayList<>();
		Set<URI> visited = new HashSet<>();
		URI page = first;
		while (page != null) {
			if (!visited.add(page)) {
				log.warn("{} names a page already read as the next one; stopping there", page);
				break;
			}
			if (visited.size() > MAX_PAGES) {
				throw PlatformServiceException.unreadable("GET " + first, 200,
						"more than " + MAX_PAGES + " pages", new byte[0], null);
			}
			PlatformHttp.Answer answer = fetch.apply(page);
			all.addAll(items.apply(page, answer));
			page = next(answer.headers(), page).orElse(null);
		}
		return all;
	}

	/** The well-formed {@code rel="next"} link of an answer, if it has one that stays on the platform. */
	static Optional<URI> next(HttpHeaders headers, URI current) {
		for (String header : headers.getOrEmpty(HttpHeaders.LINK)) {
			for (Link link : parse(header)) {
				if (link.relations().contains("next")) {
					return resolve(link.target(), current);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The well-formed links of one {@code Link} header value; a link whose parameters do not parse is left out,
	 * and the rest of the header after a broken target is ignored.
	 */
	static List<Link> parse(String header) {
		List<Link> links = new ArrayList<>();
		Scanner in = new Scanner(header);
		while (true) {
			in.skip(" \t,");
			if (in.atEnd()) {
				return links;
			}
			if (!in.take('<')) {
				return links;
			}
			int end = header.indexOf('>', in.position);
			if (end < 0) {
				return links;
			}
			String target = header.substring(in.position, end).strip();
			in.position = end + 1;
			Set<String> relations = new HashSet<>();
			boolean wellFormed = true;
			while (wellFormed) {
				in.skip(" \t");
				if (in.atEnd() || in.peek() == ',') {
					break;
				}
				if (!in.take(';')) {
					wellFormed = false;
					break;
				}
				in.skip(" \t");
				String name = in.token();
				in.skip(" \t");
				if (name.isEmpty()) {
					wellFormed = false;
					break;
				}
				String value = "";
				if (in.take('=')) {
					in.skip(" \t");
					Optional<String> parsed = (in.peek() == '"') ? in.quoted()
							: Optional.of(in.token()).filter(token -> !token.isEmpty());
					if (parsed.isEmpty()) {
						wellFormed = false;
						break;
					}
					value = parsed.get();
				}
				if (name.equalsIgnoreCase("rel")) {
					for (String relation : value.toLowerCase(Locale.ROOT).split("[ \t]+")) {
						if (!relation.isEmpty()) {
							relations.add(relation);
						}
					}
				}
			}
			if (wellFormed) {
				links.add(new Link(target, relations));
			}
			else {
				in.skipPast(',');
			}
		}
	}

	/**
	 * The next page as an absolute URL on the same origin as the current one: the request carries the platform's
	 * bearer token, which must not be sent anywhere else.
	 */
	private static Optional<URI> resolve(String target, URI current) {
		if (target.isEmpty() || target.contains("&amp;") || target.chars().anyMatch(Character::isWhitespace)) {
			return Optional.empty();
		}
		URI next;
		try {
			next = current.resolve(URI.create(target));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (!sameOrigin(next, current)) {
			log.warn("Not following a next-page link from {} to another origin {}", current.getHost(), next.getHost());
			return Optional.empty();
		}
		return Optional.of(next);
	}

	private static boolean sameOrigin(URI a, URI b) {
		return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
				&& a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
	}

	private static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/** One link of a {@code Link} header: its target as written and its relation types, lower case. */
	record Link(String target, Set<String> relations) {
	}

	/** Reads a header value character by character (RFC 9110 tokens and quoted strings). */
	private static final class Scanner {

		private final String text;

		private int position;

		Scanner(String text) {
			this.text = text;
		}

		boolean atEnd() {
			return position >= text.length();
		}

		char peek() {
			return atEnd() ? '\0' : text.charAt(position);
		}

		boolean take(char expected) {
			if (peek() == expected && !atEnd()) {
				position++;
				return true;
			}
			return false;
		}

		void skip(String characters) {
			while (!atEnd() && characters.indexOf(text.charAt(position)) >= 0) {
				position++;
			}
		}

		void skipPast(char stop) {
			int found = text.indexOf(stop, position);
			position = found < 0 ? text.length() : found + 1;
		}

		String token() {
			int start = position;
			while (!atEnd() && isTokenChar(text.charAt(position))) {
				position++;
			}
			return text.substring(start, position);
		}

		Optional<String> quoted() {
			StringBuilder value = new StringBuilder();
			position++;
			while (!atEnd()) {
				char c = text.charAt(position++);
				if (c == '"') {
					return Optional.of(value.toString());
				}
				if (c == '\\' && !atEnd()) {
					c = text.charAt(position++);
				}
				value.append(c);
			}
			return Optional.empty();
		}

		private static boolean isTokenChar(char c) {
			return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| TOKEN_CHARS.indexOf(c) >= 0;
		}
	}
}
