package org.proofwork.devplatform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jwt.JWTClaimsSet;

import org.proofwork.devplatform.DemoCourse.Activity;
import org.proofwork.devplatform.DemoCourse.Member;
import org.proofwork.devplatform.DemoGradebook.LineItem;
import org.proofwork.devplatform.DemoToolRegistration.RegisteredTool;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Launches as a real LTI 1.3 platform makes them: a third-party login initiation that carries only an opaque
 * {@code lti_message_hint}, then, when the tool's authentication request comes back, a signed id_token with every
 * claim of the message that hint stands for. Hints and deep linking {@code data} are single use and short-lived.
 */
@Component
@Profile("dev")
class DemoLaunches {

	/** Moodle's id_token lifetime. */
	static final Duration ID_TOKEN_LIFETIME = Duration.ofSeconds(60);

	static final Duration MESSAGE_LIFETIME = Duration.ofMinutes(10);

	static final String DEEP_LINKING_DATA_PREFIX = "demo-dl-";

	/** An HTML form the browser posts by itself: the login initiation, or the id_token to the tool. */
	record FormPost(String action, Map<String, String> fields) {
	}

	enum Kind {

		RESOURCE_LINK(LtiVocabulary.RESOURCE_LINK_REQUEST),

		DEEP_LINKING(LtiVocabulary.DEEP_LINKING_REQUEST),

		SUBMISSION_REVIEW(LtiVocabulary.SUBMISSION_REVIEW_REQUEST);

		private final String messageType;

		Kind(String messageType) {
			this.messageType = messageType;
		}

		String messageType() {
			return messageType;
		}
	}

	/** The message a hint stands for, kept on the platform's side until the tool's authentication request. */
	private record Message(Kind kind, String userId, String targetLinkUri, Long activityId, Long lineItemId,
			String forUserId, String documentTarget, Instant expiresAt) {
	}

	/** A deep linking request waiting for the tool's response, found by the {@code data} the tool echoes. */
	record DeepLinkingSession(String userId, Instant expiresAt) {
	}

	private final Map<String, Message> messages = new ConcurrentHashMap<>();

	private final Map<String, DeepLinkingSession> deepLinkingSessions = new ConcurrentHashMap<>();

	private final DemoToolRegistration registration;

	private final DemoCourse course;

	private final DemoGradebook gradebook;

	private final DemoPlatformKeys keys;

	private final DemoPlatform platform;

	private final Clock clock;

	DemoLaunches(DemoToolRegistration registration, DemoCourse course, DemoGradebook gradebook,
			DemoPlatformKeys keys, DemoPlatform platform, Clock clock) {
		this.registration = registration;
		this.course = course;
		this.gradebook = gradebook;
		this.keys = keys;
		this.platform = platform;
		this.clock = clock;
	}

	FormPost resourceLink(Member user, Activity activity, String documentTarget) {
		RegisteredTool tool = registration.require();
		String target = activity.url() != null ? activity.url() : tool.targetFor(Kind.RESOURCE_LINK.messageType());
		return loginInitiation(tool, new Message(Kind.RESOURCE_LINK, user.userId(), target, activity.id(), null,
				null, documentTarget, expiry()));
	}

	FormPost deepLinking(Member user) {
		RegisteredTool tool = registration.require();
		if (user.role() != DemoCourse.Role.INSTRUCTOR) {
			throw new DemoRefusal(HttpStatus.FORBIDDEN, "Only the course's instructor adds activities");
		}
		if (!tool.supports(Kind.DEEP_LINKING.messageType())) {
			throw DemoRefusal.badRequest("The tool did not register LtiDeepLinkingRequest among its messages");
		}
		return loginInitiation(tool, new Message(Kind.DEEP_LINKING, user.userId(),
				tool.targetFor(Kind.DEEP_LINKING.messageType()), null, null, null, "iframe", expiry()));
	}

	FormPost submissionReview(Member user, LineItem lineItem, Member learner) {
		RegisteredTool tool = registration.require();
		if (!user.role().teaches()) {
			throw new DemoRefusal(HttpStatus.FORBIDDEN,
					"Only the course's instructor and teaching assistant review submissions");
		}
		if (!tool.supports(Kind.SUBMISSION_REVIEW.messageType())) {
			throw DemoRefusal.badRequest("The tool did not register LtiSubmissionReviewRequest among its messages");
		}
		String declared = tool.messageTargets().get(Kind.SUBMISSION_REVIEW.messageType());
		String target = declared != null && !declared.isBlank() ? declared
				: Optional.ofNullable(lineItem.activityId())
					.flatMap(course::activity)
					.map(Activity::url)
					.orElse(tool.targetLinkUri());
		return loginInitiation(tool, new Message(Kind.SUBMISSION_REVIEW, user.userId(), target,
				lineItem.activityId(), lineItem.id(), learner.userId(), "iframe", expiry()));
	}

	private FormPost loginInitiation(RegisteredTool tool, Message message) {
		forgetExpired();
		String hint = DemoToolRegistration.randomToken();
		messages.put(hint, message);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("iss", platform.issuer());
		fields.put("login_hint", message.userId());
		fields.put("target_link_uri", message.targetLinkUri());
		fields.put("lti_message_hint", hint);
		fields.put("client_id", tool.clientId());
		fields.put("lti_deployment_id", DemoToolRegistration.DEPLOYMENT_ID);
		return new FormPost(tool.initiateLoginUri(), fields);
	}

	/**
	 * Answers the tool's OIDC authentication request: checks it against the registration and the hint, and posts
	 * the id_token and the tool's state to the registered redirect URI.
	 */
	FormPost authenticate(Map<String, String> request) {
		RegisteredTool tool = registration.require();
		String clientId = request.get("client_id");
		if (!tool.clientId().equals(clientId)) {
			throw DemoRefusal.badRequest("client_id " + clientId + " is not the registered tool's " + tool.clientId());
		}
		String redirectUri = request.get("redirect_uri");
		if (redirectUri == null || !tool.redirectUris().contains(redirectUri)) {
			throw DemoRefusal.badRequest("redirect_uri " + redirectUri + " is not one of the registered redirect_uris "
					+ tool.redirectUris());
		}
		require(request, "response_type", "id_token");
		require(request, "response_mode", "form_post");
		String scope = request.getOrDefault("scope", "");
		if (!Arrays.asList(scope.split("\\s+")).contains("openid")) {
			throw DemoRefusal.badRequest("scope must contain openid, was " + scope);
		}
		String prompt = request.get("prompt");
		if (prompt != null && !prompt.equals("none")) {
			throw DemoRefusal.badRequest("prompt must be none (the person is already signed in), was " + prompt);
		}
		String nonce = request.get("nonce");
		if (nonce == null || nonce.isBlank()) {
			throw DemoRefusal.badRequest("nonce is required");
		}
		String hint = request.get("lti_message_hint");
		Message message = hint == null ? null : messages.remove(hint);
		if (message == null || message.expiresAt().isBefore(clock.instant())) {
			throw DemoRefusal.badRequest("lti_message_hint is missing, unknown, expired or already used: "
					+ "start the launch again from the course");
		}
		if (!message.userId().equals(request.get("login_hint"))) {
			throw DemoRefusal.badRequest("login_hint " + request.get("login_hint")
					+ " is not the user the login was initiated for");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("id_token", keys.sign(idToken(tool, message, nonce)));
		if (request.get("state") != null) {
			fields.put("state", request.get("state"));
		}
		return new FormPost(redirectUri, fields);
	}

	/** Takes the deep linking request a response answers, once. */
	Optional<DeepLinkingSession> takeDeepLinkingSession(String data) {
		DeepLinkingSession session = data == null ? null : deepLinkingSessions.remove(data);
		return Optional.ofNullable(session).filter(found -> found.expiresAt().isAfter(clock.instant()));
	}

	private JWTClaimsSet idToken(RegisteredTool tool, Message message, String nonce) {
		Member user = course.member(message.userId()).orElseThrow();
		Instant now = clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(platform.issuer())
			.subject(user.userId())
			.audience(tool.clientId())
			.claim("azp", tool.clientId())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ID_TOKEN_LIFETIME)))
			.claim("nonce", nonce)
			.claim("name", user.name())
			.claim("given_name", user.givenName())
			.claim("family_name", user.familyName())
			.claim("email", user.email())
			.claim(LtiVocabulary.MESSAGE_TYPE, message.kind().messageType())
			.claim(LtiVocabulary.VERSION, LtiVocabulary.LTI_VERSION)
			.claim(LtiVocabulary.DEPLOYMENT_ID, DemoToolRegistration.DEPLOYMENT_ID)
			.claim(LtiVocabulary.TARGET_LINK_URI, message.targetLinkUri())
			.claim(LtiVocabulary.ROLES, List.of(user.role().uri()))
			.claim(LtiVocabulary.CONTEXT,
					Map.of("id", DemoCourse.ID, "label", DemoCourse.LABEL, "title", DemoCourse.TITLE, "type",
							List.of(DemoCourse.CONTEXT_TYPE)))
			.claim(LtiVocabulary.TOOL_PLATFORM,
					Map.of("guid", platform.issuer(), "name", DemoPlatform.NAME, "product_family_code",
							DemoPlatform.PRODUCT_FAMILY_CODE, "version", DemoPlatform.VERSION, "url", platform.issuer()))
			.claim(LtiVocabulary.LAUNCH_PRESENTATION, Map.of("document_target", message.documentTarget(),
					"return_url", platform.coursePage(user.userId()), "locale", "en"));
		Activity activity = message.activityId() == null ? null : course.activity(message.activityId()).orElse(null);
		Map<String, String> custom = new LinkedHashMap<>(tool.custom());
		if (activity != null) {
			custom.putAll(activity.custom());
			claims.claim(LtiVocabulary.RESOURCE_LINK, resourceLink(activity));
		}
		if (tool.grants(LtiVocabulary.SCOPE_MEMBERSHIPS)) {
			// Moodle adds it to the custom parameters too.
			custom.put("context_memberships_url", platform.memberships(DemoCourse.ID));
			claims.claim(LtiVocabulary.NRPS_SERVICE, Map.of("context_memberships_url",
					platform.memberships(DemoCourse.ID), "service_versions", List.of("2.0")));
		}
		claims.claim(LtiVocabulary.CUSTOM, custom);
		Long lineItemId = message.lineItemId() != null ? message.lineItemId() : singleLineItem(activity);
		Map<String, Object> ags = assignmentAndGradeServices(tool, lineItemId);
		if (ags != null) {
			claims.claim(LtiVocabulary.AGS_ENDPOINT, ags);
		}
		switch (message.kind()) {
			case DEEP_LINKING -> claims.claim(LtiVocabulary.DEEP_LINKING_SETTINGS, deepLinkingSettings(user, now));
			case SUBMISSION_REVIEW -> claims.claim(LtiVocabulary.FOR_USER,
					forUser(course.member(message.forUserId()).orElseThrow()));
			case RESOURCE_LINK -> {
			}
		}
		return claims.build();
	}

	private static Map<String, Object> resourceLink(Activity activity) {
		Map<String, Object> link = new LinkedHashMap<>();
		link.put("id", activity.resourceLinkId());
		link.put("title", activity.title());
		if (activity.text() != null) {
			link.put("description", activity.text());
		}
		return link;
	}

	/** The line item of a graded link; a link with none or several has no single one to name. */
	private Long singleLineItem(Activity activity) {
		if (activity == null) {
			return null;
		}
		List<LineItem> items = gradebook.lineItemsOf(activity.id());
		return items.size() == 1 ? items.get(0).id() : null;
	}

	/** Like Moodle: the AGS claim only when the tool was granted an AGS scope. */
	private Map<String, Object> assignmentAndGradeServices(RegisteredTool tool, Long lineItemId) {
		List<String> scopes = LtiVocabulary.AGS_SCOPES.stream().filter(tool::grants).toList();
		if (scopes.isEmpty()) {
			return null;
		}
		Map<String, Object> endpoint = new LinkedHashMap<>();
		endpoint.put("scope", scopes);
		endpoint.put("lineitems", platform.lineItems(DemoCourse.ID));
		if (lineItemId != null) {
			endpoint.put("lineitem", platform.lineItem(DemoCourse.ID, lineItemId));
		}
		return endpoint;
	}

	private Map<String, Object> deepLinkingSettings(Member user, Instant now) {
		String data = DEEP_LINKING_DATA_PREFIX + DemoToolRegistration.randomToken();
		deepLinkingSessions.put(data, new DeepLinkingSession(user.userId(), now.plus(MESSAGE_LIFETIME)));
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("deep_link_return_url", platform.deepLinkReturn());
		settings.put("accept_types", List.of("ltiResourceLink"));
		settings.put("accept_presentation_document_targets", List.of("iframe", "window"));
		settings.put("accept_multiple", true);
		settings.put("auto_create", true);
		settings.put("title", "Proofwork activity");
		settings.put("data", data);
		return settings;
	}

	private static Map<String, Object> forUser(Member learner) {
		Map<String, Object> forUser = new LinkedHashMap<>();
		forUser.put("user_id", learner.userId());
		forUser.put("name", learner.name());
		forUser.put("given_name", learner.givenName());
		forUser.put("family_name", learner.familyName());
		forUser.put("email", learner.email());
		forUser.put("roles", List.of(learner.role().uri()));
		return forUser;
	}

	private static void require(Map<String, String> request, String name, String expected) {
		if (!expected.equals(request.get(name))) {
			throw DemoRefusal.badRequest(name + " must be " + expected + ", was " + request.get(name));
		}
	}

	private Instant expiry() {
		return clock.instant().plus(MESSAGE_LIFETIME);
	}

	private void forgetExpired() {
		Instant now = clock.instant();
		messages.values().removeIf(message -> message.expiresAt().isBefore(now));
		deepLinkingSessions.values().removeIf(session -> session.expiresAt().isBefore(now));
	}
}
