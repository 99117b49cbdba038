package org.proofwork.devplatform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.proofwork.devplatform.DemoCourse.Member;
import org.proofwork.devplatform.DemoGradebook.LineItem;
import org.proofwork.devplatform.DemoGradebook.Score;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The course's LTI Advantage services for the tool's server: Assignment and Grade Services (line items, scores,
 * results) and Names and Role Provisioning (the roster). Every call needs a bearer token with a fitting scope, and
 * media types are checked as strictly as Moodle checks them.
 */
@RestController
@Profile("dev")
@RequestMapping(DemoPlatform.ROOT + "/courses/{courseId}")
class DemoServicesController {

	private final DemoAccessTokens tokens;

	private final DemoCourse course;

	private final DemoGradebook gradebook;

	private final DemoPlatform platform;

	DemoServicesController(DemoAccessTokens tokens, DemoCourse course, DemoGradebook gradebook,
			DemoPlatform platform) {
		this.tokens = tokens;
		this.course = course;
		this.gradebook = gradebook;
		this.platform = platform;
	}

	@GetMapping("/lineitems")
	ResponseEntity<List<Map<String, Object>>> lineItems(@PathVariable String courseId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(name = "resource_link_id", required = false) String resourceLinkId,
			@RequestParam(name = "resource_id", required = false) String resourceId,
			@RequestParam(required = false) String tag) {
		requireCourse(courseId);
		tokens.require(authorization, LtiVocabulary.SCOPE_LINEITEM, LtiVocabulary.SCOPE_LINEITEM_READONLY);
		List<Map<String, Object>> items = gradebook.lineItems()
			.stream()
			.filter(item -> resourceLinkId == null || resourceLinkId.equals(String.valueOf(item.activityId())))
			.filter(item -> resourceId == null || resourceId.equals(item.resourceId()))
			.filter(item -> tag == null || tag.equals(item.tag()))
			.map(this::json)
			.toList();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(LtiVocabulary.LINE_ITEM_CONTAINER_MEDIA_TYPE))
			.body(items);
	}

	@PostMapping("/lineitems")
	ResponseEntity<Map<String, Object>> createLineItem(@PathVariable String courseId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody(required = false) String body) {
		requireCourse(courseId);
		tokens.require(authorization, LtiVocabulary.SCOPE_LINEITEM);
		JsonObject request = JsonObject.parse("line item", body);
		Double scoreMaximum = request.number("scoreMaximum");
		if (scoreMaximum == null) {
			throw DemoRefusal.badRequest("line item: scoreMaximum is required");
		}
		String resourceLinkId = request.text("resourceLinkId");
		Long activityId = null;
		if (resourceLinkId != null) {
			activityId = parseId(resourceLinkId, "resourceLinkId");
		}
		LineItem created = gradebook.addLineItem(request.requiredText("label"), scoreMaximum,
				request.text("resourceId"), request.text("tag"), activityId);
		return ResponseEntity.status(HttpStatus.CREATED)
			.contentType(MediaType.parseMediaType(LtiVocabulary.LINE_ITEM_MEDIA_TYPE))
			.body(json(created));
	}

	@GetMapping("/lineitems/{lineItemId}/lineitem")
	ResponseEntity<Map<String, Object>> lineItem(@PathVariable String courseId, @PathVariable long lineItemId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		requireCourse(courseId);
		tokens.require(authorization, LtiVocabulary.SCOPE_LINEITEM, LtiVocabulary.SCOPE_LINEITEM_READONLY);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(LtiVocabulary.LINE_ITEM_MEDIA_TYPE))
			.body(json(requireLineItem(lineItemId)));
	}

	@PostMapping("/lineitems/{lineItemId}/lineitem/scores")
	ResponseEntity<Void> score(@PathVariable String courseId, @PathVariable long lineItemId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
			@RequestBody(required = false) String body) {
		requireCourse(courseId);
		tokens.require(authorization, LtiVocabulary.SCOPE_SCORE);
		if (!isMediaType(contentType, LtiVocabulary.SCORE_MEDIA_TYPE)) {
			throw DemoRefusal.badRequest("Content-Type must be " + LtiVocabulary.SCORE_MEDIA_TYPE + ", was " + contentType);
		}
		requireLineItem(lineItemId);
		gradebook.post(lineItemId, JsonObject.parse("score", body));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/lineitems/{lineItemId}/lineitem/results")
	ResponseEntity<List<Map<String, Object>>> results(@PathVariable String courseId, @PathVariable long lineItemId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestParam(name = "user_id", required = false) String userId) {
		requireCourse(courseId);
		tokens.require(authorization, LtiVocabulary.SCOPE_RESULT_READONLY);
		LineItem lineItem = requireLineItem(lineItemId);
		String lineItemUrl = platform.lineItem(DemoCourse.ID, lineItemId);
		List<Map<String, Object>> results = gradebook.scores(lineItemId)
			.stream()
			.filter(score -> userId == null || userId.equals(score.userId()))
			.map(score -> result(lineItem, lineItemUrl, score))
			.toList();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(LtiVocabulary.RESULT_CONTAINER_MEDIA_TYPE))
			.body(results);
	}

	@GetMapping("/memberships")
	ResponseEntity<Map<String, Object>> memberships(@PathVariable String courseId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			@RequestParam(required = false) String role) {
		requireCourse(courseId);
		tokens.require(authorization, LtiVocabulary.SCOPE_MEMBERSHIPS);
		if (!isMediaType(accept, LtiVocabulary.MEMBERSHIP_CONTAINER_MEDIA_TYPE)) {
			throw DemoRefusal.badRequest("Accept must name " + LtiVocabulary.MEMBERSHIP_CONTAINER_MEDIA_TYPE
					+ ", was " + accept);
		}
		List<Map<String, Object>> members = course.members()
			.stream()
			.filter(member -> role == null || role.equals(member.role().uri())
					|| role.equals(member.role().rosterName()))
			.map(DemoServicesController::member)
			.toList();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(LtiVocabulary.MEMBERSHIP_CONTAINER_MEDIA_TYPE))
			.body(Map.of("id", platform.memberships(DemoCourse.ID), "context",
					Map.of("id", DemoCourse.ID, "label", DemoCourse.LABEL, "title", DemoCourse.TITLE), "members",
					members));
	}

	private Map<String, Object> json(LineItem item) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", platform.lineItem(DemoCourse.ID, item.id()));
		json.put("label", item.label());
		json.put("scoreMaximum", item.scoreMaximum());
		if (item.resourceId() != null) {
			json.put("resourceId", item.resourceId());
		}
		if (item.tag() != null) {
			json.put("tag", item.tag());
		}
		if (item.activityId() != null) {
			json.put("resourceLinkId", String.valueOf(item.activityId()));
		}
		return json;
	}

	private static Map<String, Object> result(LineItem lineItem, String lineItemUrl, Score score) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("id", lineItemUrl.replace("/lineitem?", "/lineitem/results/" + score.userId() + "?"));
		result.put("scoreOf", lineItemUrl);
		result.put("userId", score.userId());
		Double rescaled = score.gradebookScore(lineItem);
		if (rescaled != null) {
			result.put("resultScore", rescaled);
			result.put("resultMaximum", lineItem.scoreMaximum());
		}
		if (score.comment() != null) {
			result.put("comment", score.comment());
		}
		return result;
	}

	private static Map<String, Object> member(Member member) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("status", "Active");
		json.put("name", member.name());
		json.put("given_name", member.givenName());
		json.put("family_name", member.familyName());
		json.put("email", member.email());
		json.put("user_id", member.userId());
		json.put("roles", List.of(member.role().rosterName()));
		return json;
	}

	private static void requireCourse(String courseId) {
		if (!DemoCourse.ID.equals(courseId)) {
			throw DemoRefusal.notFound("No course " + courseId);
		}
	}

	private LineItem requireLineItem(long lineItemId) {
		return gradebook.lineItem(lineItemId)
			.orElseThrow(() -> DemoRefusal.notFound("No line item " + lineItemId + " in this course"));
	}

	private static long parseId(String id, String name) {
		try {
			return Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw DemoRefusal.badRequest(name + " " + id + " is not a resource link of this course");
		}
	}

	/** Whether a Content-Type or Accept header names this media type (parameters and other types aside). */
	private static boolean isMediaType(String header, String expected) {
		if (header == null) {
			return false;
		}
		try {
			MediaType wanted = MediaType.parseMediaType(expected);
			return MediaType.parseMediaTypes(header).stream().anyMatch(type -> type.equalsTypeAndSubtype(wanted));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}
}
