package org.proofwork.lti;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The platform's gradebook through LTI Assignment and Grade Services 2.0: its columns (line items) and the scores
 * posted to them. Every failure is a {@link PlatformServiceException} that says whether trying again can help.
 */
@Service
public class AssignmentGradeService {

	private static final Logger log = LoggerFactory.getLogger(AssignmentGradeService.class);

	public static final String SCOPE_LINE_ITEM = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";

	public static final String SCOPE_LINE_ITEM_READONLY =
			"https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";

	public static final String SCOPE_RESULT_READONLY = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly";

	public static final String SCOPE_SCORE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

	/**
	 * Every AGS call asks for the same scopes, so one token per platform serves reads, column creation and scores
	 * alike (fewer token requests, which Canvas counts against the developer key's rate limit). Platforms grant the
	 * requested scopes they permit: Moodle set to "grade sync only" grants {@code lineitem.readonly} and
	 * {@code score} but not {@code lineitem}, and reading the activity's line item then needs
	 * {@code lineitem.readonly}. Results are never read, so {@code result.readonly} is not asked for.
	 */
	static final Set<String> SCOPES = Set.of(SCOPE_LINE_ITEM, SCOPE_LINE_ITEM_READONLY, SCOPE_SCORE);

	static final String LINE_ITEM_CONTAINER_TYPE = "application/vnd.ims.lis.v2.lineitemcontainer+json";

	static final String LINE_ITEM_TYPE = "application/vnd.ims.lis.v2.lineitem+json";

	/** Moodle answers 400 to a score sent with any other content type. */
	static final String SCORE_TYPE = "application/vnd.ims.lis.v1.score+json";

	/** Concurrent {@link #findOrCreateLineItem} calls for the same column on this node: only one may create it. */
	private final Map<ColumnKey, CompletableFuture<LineItem>> creating = new ConcurrentHashMap<>();

	private final PlatformAccessTokens tokens;

	private final PlatformHttp http;

	AssignmentGradeService(PlatformAccessTokens tokens, PlatformHttp http) {
		this.tokens = tokens;
		this.http = http;
	}

	/**
	 * The context's line items that match the query, from every page the platform announces with a well-formed
	 * {@code Link: rel="next"}. No {@code limit} is sent: Moodle then returns every line item at once, and its
	 * paging links cannot be read.
	 * @param lineItemsUrl the {@code lineitems} URL of the launch's AGS claim
	 */
	public List<LineItem> findLineItems(Platform platform, URI lineItemsUrl, LineItemQuery query) {
		URI first = withFilters(lineItemsUrl, query);
		return LinkHeaderPages.collect(first, page -> get(platform, page, LINE_ITEM_CONTAINER_TYPE),
				(page, answer) -> {
					JsonNode body = http.json(answer, HttpMethod.GET, page);
					if (!body.isArray()) {
						throw PlatformServiceException.unreadable("GET " + page, answer.status(),
								"line item container is not a JSON array", answer.body(), null);
					}
					List<LineItem> items = new ArrayList<>();
					for (JsonNode node : body.values()) {
						lineItem(node, null).filter(query::matches).ifPresent(items::add);
					}
					return items;
				});
	}

	/** One line item, such as the {@code lineitem} URL of a launch's AGS claim. */
	public LineItem readLineItem(Platform platform, URI lineItemUrl) {
		PlatformHttp.Answer answer = get(platform, lineItemUrl, LINE_ITEM_TYPE);
		return lineItem(http.json(answer, HttpMethod.GET, lineItemUrl), lineItemUrl)
			.orElseThrow(() -> PlatformServiceException.unreadable("GET " + lineItemUrl, answer.status(),
					"not a line item", answer.body(), null));
	}

	/**
	 * Creates a gradebook column. A retry after a timeout may create a second one: use
	 * {@link #findOrCreateLineItem} when in doubt.
	 */
	public LineItem createLineItem(Platform platform, URI lineItemsUrl, NewLineItem item) {
		ObjectNode json = PlatformHttp.JSON.createObjectNode();
		json.put("label", item.label());
		json.put("scoreMaximum", item.scoreMaximum());
		putIfPresent(json, "resourceId", item.resourceId());
		putIfPresent(json, "tag", item.tag());
		putIfPresent(json, "resourceLinkId", item.resourceLinkId());
		byte[] body = PlatformHttp.json(json);
		PlatformHttp.Answer answer = tokens.authorized(platform, SCOPES,
				token -> http.send(HttpMethod.POST, lineItemsUrl, headers -> {
					headers.setBearerAuth(token);
					headers.set(HttpHeaders.CONTENT_TYPE, LINE_ITEM_TYPE);
					headers.set(HttpHeaders.ACCEPT, LINE_ITEM_TYPE);
				}, body));
		LineItem created = lineItem(http.json(answer, HttpMethod.POST, lineItemsUrl), null)
			.orElseThrow(() -> PlatformServiceException.unreadable("POST " + lineItemsUrl, answer.status(),
					"created line item has no id", answer.body(), null));
		log.info("Created line item {} ({}) at platform {}", created.id(), created.label(), platform.id());
		return created;
	}

	/**
	 * The column for the item, created only when the platform has none yet, so repeated calls never add duplicate
	 * gradebook columns. A column of the item's resource link comes first: one with the item's resourceId and tag,
	 * else one without any (on Moodle, the graded activity's own grade item). Then a column with the item's
	 * resourceId and tag that belongs to no other resource link. The platform's answers are filtered here too, since
	 * not every platform applies every filter.
	 * @throws IllegalArgumentException when the item has neither a resourceLinkId nor a resourceId or tag to find
	 * it by
	 */
	public LineItem findOrCreateLineItem(Platform platform, URI lineItemsUrl, NewLineItem item) {
		if (item.resourceLinkId() == null && item.resourceId() == null && item.tag() == null) {
			throw new IllegalArgumentException(
					"A line item without resourceLinkId, resourceId and tag cannot be found again");
		}
		ColumnKey key = new ColumnKey(platform.id(), lineItemsUrl, item.resourceLinkId(), item.resourceId(),
				item.tag());
		CompletableFuture<LineItem> mine = new CompletableFuture<>();
		CompletableFuture<LineItem> running = creating.putIfAbsent(key, mine);
		if (running != null) {
			return await(running);
		}
		try {
			LineItem found = find(platform, lineItemsUrl, item)
				.orElseGet(() -> createLineItem(platform, lineItemsUrl, item));
			mine.complete(found);
			return found;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			creating.remove(key, mine);
		}
	}

	/**
	 * Posts a score to the line item's {@code /scores} endpoint. What the platform refuses for good (a timestamp
	 * not later than the stored one: Moodle 409, Canvas 400; a user who cannot be graded: Moodle 400, Canvas 422;
	 * an unknown line item: 404) comes back as a non-retryable {@link PlatformServiceException}.
	 * @param lineItemUrl the line item's id; {@code /scores} goes before its query string
	 */
	public void postScore(Platform platform, URI lineItemUrl, Score score) {
		URI scoresUrl = scoresUrl(lineItemUrl);
		byte[] body = PlatformHttp.json(scoreJson(score));
		tokens.authorized(platform, SCOPES, token -> http.send(HttpMethod.POST, scoresUrl, headers -> {
			headers.setBearerAuth(token);
			headers.set(HttpHeaders.CONTENT_TYPE, SCORE_TYPE);
		}, body));
	}

	private Optional<LineItem> find(Platform platform, URI lineItemsUrl, NewLineItem item) {
		LineItemQuery sameResource = new LineItemQuery(null, item.resourceId(), item.tag());
		if (item.resourceLinkId() != null) {
			List<LineItem> ofLink = findLineItems(platform, lineItemsUrl,
					LineItemQuery.forResourceLink(item.resourceLinkId()));
			// The column made for this resource, else the platform's own column of the link (no resourceId or
			// tag set by a tool); a column another resource's tag or resourceId marks is not this one.
			Optional<LineItem> ofThisLink = ofLink.stream()
				.filter(sameResource::matches)
				.findFirst()
				.or(() -> ofLink.stream()
					.filter(found -> found.resourceId() == null && found.tag() == null)
					.findFirst());
			if (ofThisLink.isPresent()) {
				return ofThisLink;
			}
		}
		if (item.resourceId() == null && item.tag() == null) {
			return Optional.empty();
		}
		// A column of the same resource that belongs to another resource link is that placement's, not this one's.
		return findLineItems(platform, lineItemsUrl, sameResource).stream()
			.filter(found -> found.resourceLinkId() == null || found.resourceLinkId().equals(item.resourceLinkId()))
			.findFirst();
	}

	private PlatformHttp.Answer get(Platform platform, URI url, String accept) {
		return tokens.authorized(platform, SCOPES, token -> http.send(HttpMethod.GET, url, headers -> {
			headers.setBearerAuth(token);
			headers.set(HttpHeaders.ACCEPT, accept);
		}, null));
	}

	/** A line item from its JSON; Moodle also sends {@code resourceLinkId} under its older name {@code ltiLinkId}. */
	private static Optional<LineItem> lineItem(JsonNode node, URI fallbackId) {
		if (!node.isObject()) {
			return Optional.empty();
		}
		String id = text(node, "id");
		URI uri;
		try {
			uri = id != null ? URI.create(id) : fallbackId;
		}
		catch (IllegalArgumentException ex) {
			log.warn("Ignoring a line item whose id is not a URL: {}", id);
			return Optional.empty();
		}
		if (uri == null) {
			return Optional.empty();
		}
		String resourceLinkId = text(node, "resourceLinkId");
		return Optional.of(new LineItem(uri, text(node, "label"), number(node.path("scoreMaximum")),
				text(node, "resourceId"), resourceLinkId != null ? resourceLinkId : text(node, "ltiLinkId"),
				text(node, "tag")));
	}

	private static ObjectNode scoreJson(Score score) {
		ObjectNode json = PlatformHttp.JSON.createObjectNode();
		json.put("userId", score.userId());
		if (score.scoreGiven() != null) {
			json.put("scoreGiven", score.scoreGiven());
		}
		if (score.scoreMaximum() != null) {
			json.put("scoreMaximum", score.scoreMaximum());
		}
		putIfPresent(json, "comment", score.comment());
		json.put("timestamp", Score.TIMESTAMP.format(score.timestamp()));
		json.put("activityProgress", score.activityProgress().value());
		json.put("gradingProgress", score.gradingProgress().value());
		score.extensions().forEach((key, value) -> json.set(key, PlatformHttp.JSON.valueToTree(value)));
		return json;
	}

	/** {@code .../lineitems/7/lineitem?type_id=1} becomes {@code .../lineitems/7/lineitem/scores?type_id=1}. */
	private static URI scoresUrl(URI lineItemUrl) {
		String path = lineItemUrl.getRawPath() == null ? "" : lineItemUrl.getRawPath();
		return UriComponentsBuilder.fromUri(lineItemUrl)
			.replacePath((path.endsWith("/") ? path : path + "/") + "scores")
			.build(true)
			.toUri();
	}

	/** Adds the query's filters to the URL's own query string (Moodle's carries {@code type_id}). */
	private static URI withFilters(URI lineItemsUrl, LineItemQuery query) {
		UriComponentsBuilder url = UriComponentsBuilder.fromUri(lineItemsUrl);
		addFilter(url, "resource_link_id", query.resourceLinkId());
		addFilter(url, "resource_id", query.resourceId());
		addFilter(url, "tag", query.tag());
		return url.build(true).toUri();
	}

	private static void addFilter(UriComponentsBuilder url, String name, String value) {
		if (value != null) {
			url.queryParam(name, UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
		}
	}

	private static void putIfPresent(ObjectNode json, String name, String value) {
		if (value != null) {
			json.put(name, value);
		}
	}

	private static String text(JsonNode node, String name) {
		JsonNode value = node.path(name);
		if (value.isString()) {
			return value.stringValue();
		}
		// Some platforms send numeric ids as numbers.
		return value.isNumber() ? value.asString() : null;
	}

	private static double number(JsonNode value) {
		if (value.isNumber()) {
			return value.doubleValue();
		}
		try {
			return value.isString() ? Double.parseDouble(value.stringValue().strip()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static LineItem await(CompletableFuture<LineItem> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private record ColumnKey(long platformId, URI lineItemsUrl, String resourceLinkId, String resourceId,
			String tag) {
	}
}
