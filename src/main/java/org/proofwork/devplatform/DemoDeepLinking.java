package org.proofwork.devplatform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.devplatform.DemoCourse.Activity;
import org.proofwork.devplatform.DemoCourse.Member;
import org.proofwork.devplatform.DemoToolRegistration.RegisteredTool;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Takes the tool's Deep Linking response: verifies the JWT with the tool's published keys, checks that it answers a
 * request this platform made, and creates a resource link (and its line item) per {@code ltiResourceLink} item,
 * as Moodle's "Select content" does once the teacher saves.
 */
@Component
@Profile("dev")
class DemoDeepLinking {

	private static final Logger log = LoggerFactory.getLogger(DemoDeepLinking.class);

	/** What a Deep Linking response did, for the page the frame shows. */
	record Outcome(Member user, List<Activity> added, String message, String errorMessage) {
	}

	/** An item checked and ready to become an activity, so a bad item leaves the course unchanged. */
	private record Item(String title, String text, String url, Map<String, String> custom, String documentTarget,
			JsonObject lineItem) {
	}

	private final DemoToolRegistration registration;

	private final DemoLaunches launches;

	private final DemoCourse course;

	private final DemoGradebook gradebook;

	private final DemoPlatform platform;

	DemoDeepLinking(DemoToolRegistration registration, DemoLaunches launches, DemoCourse course,
			DemoGradebook gradebook, DemoPlatform platform) {
		this.registration = registration;
		this.launches = launches;
		this.course = course;
		this.gradebook = gradebook;
		this.platform = platform;
	}

	Outcome accept(String responseJwt) {
		RegisteredTool tool = registration.require();
		if (responseJwt == null || responseJwt.isBlank()) {
			throw DemoRefusal.badRequest("The deep linking response has no JWT parameter");
		}
		JWTClaimsSet claims;
		try {
			// Moodle wants the tool's client_id as issuer; the audience is this platform.
			claims = registration.verify(responseJwt, platform.issuer(),
					new JWTClaimsSet.Builder().issuer(tool.clientId())
						.claim(LtiVocabulary.DEPLOYMENT_ID, DemoToolRegistration.DEPLOYMENT_ID)
						.claim(LtiVocabulary.MESSAGE_TYPE, LtiVocabulary.DEEP_LINKING_RESPONSE)
						.claim(LtiVocabulary.VERSION, LtiVocabulary.LTI_VERSION)
						.build(),
					Set.of("iss", "aud", "exp", "iat", "nonce"));
		}
		catch (DemoToolRegistration.RejectedJwt ex) {
			throw DemoRefusal.badRequest("The deep linking response JWT was rejected: " + ex.getMessage());
		}
		JsonObject response = new JsonObject("deep linking response", claims.toJSONObject());
		String data = response.text(LtiVocabulary.DEEP_LINKING_DATA);
		if (data == null) {
			throw DemoRefusal.badRequest("The deep linking response does not echo the request's data claim");
		}
		Member user = launches.takeDeepLinkingSession(data)
			.flatMap(session -> course.member(session.userId()))
			.orElseThrow(() -> DemoRefusal.badRequest(
					"The data claim " + data + " answers no open deep linking request (unknown, expired or used)"));
		List<JsonObject> contentItems = response.objects(LtiVocabulary.CONTENT_ITEMS);
		List<Item> items = new ArrayList<>();
		for (JsonObject contentItem : contentItems == null ? List.<JsonObject>of() : contentItems) {
			if ("ltiResourceLink".equals(contentItem.text("type"))) {
				items.add(item(contentItem));
			}
			else {
				log.info("Demo LMS ignored a deep linking item of type {}: it accepts ltiResourceLink only",
						contentItem.text("type"));
			}
		}
		List<Activity> added = new ArrayList<>();
		for (Item item : items) {
			Activity activity = course.addActivity(item.title(), item.text(), item.url(), item.custom(),
					item.documentTarget());
			if (item.lineItem() != null) {
				JsonObject lineItem = item.lineItem();
				gradebook.addLineItem(lineItem.text("label") != null ? lineItem.text("label") : item.title(),
						lineItem.number("scoreMaximum"), lineItem.text("resourceId"), lineItem.text("tag"),
						activity.id());
			}
			added.add(activity);
		}
		log.info("Demo LMS added {} activities from Proofwork's deep linking response", added.size());
		return new Outcome(user, added, response.text(LtiVocabulary.DEEP_LINKING_MESSAGE),
				response.text(LtiVocabulary.DEEP_LINKING_ERROR_MESSAGE));
	}

	private static Item item(JsonObject contentItem) {
		String title = contentItem.text("title");
		JsonObject custom = contentItem.object("custom");
		JsonObject lineItem = contentItem.object("lineItem");
		if (lineItem != null) {
			Double scoreMaximum = lineItem.number("scoreMaximum");
			if (scoreMaximum == null || !(scoreMaximum > 0)) {
				throw DemoRefusal.badRequest("A lineItem of a deep linking item needs a scoreMaximum greater than 0");
			}
		}
		// Without an iframe property but with a window one, the tool asks to be opened in a new window.
		String documentTarget = !contentItem.has("iframe") && contentItem.has("window") ? "window" : "iframe";
		return new Item(title == null || title.isBlank() ? "Proofwork activity" : title, contentItem.text("text"),
				contentItem.text("url"), custom == null ? Map.of() : custom.asStrings(), documentTarget, lineItem);
	}
}
