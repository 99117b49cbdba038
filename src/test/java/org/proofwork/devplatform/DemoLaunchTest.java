package org.proofwork.devplatform;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Launches from the demo LMS as a real platform makes them: login initiation, the authorization endpoint, a signed
 * id_token with every LTI claim, and the Deep Linking return that places activities in the course.
 */
class DemoLaunchTest extends DemoLmsHttpTest {

	@BeforeEach
	void registerTheTool() throws Exception {
		register();
	}

	@Test
	void startsALaunchWithAThirdPartyLoginInitiationToTheTool() throws Exception {
		Form login = form(get(LMS + "/launch/deep-linking?as=" + INSTRUCTOR, "Accept", "text/html"));

		assertThat(login.action()).isEqualTo(BASE + "/lti/login");
		assertThat(login.fields()).containsEntry("iss", LMS)
			.containsEntry("login_hint", INSTRUCTOR)
			.containsEntry("target_link_uri", BASE + "/lti/launch")
			.containsEntry("client_id", clientId)
			.containsEntry("lti_deployment_id", "1")
			.containsKey("lti_message_hint");
	}

	@Test
	void deepLinkingLaunchCarriesTheLtiClaimsAndDeepLinkingSettings() throws Exception {
		JWTClaimsSet claims = launch("/launch/deep-linking?as=" + INSTRUCTOR);

		assertThat(claims.getIssuer()).isEqualTo(LMS);
		assertThat(claims.getAudience()).containsExactly(clientId);
		assertThat(claims.getSubject()).isEqualTo(INSTRUCTOR);
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(60_000);
		assertThat(claims.getStringClaim("name")).isEqualTo("Ines Instructor");
		assertThat(claims.getStringClaim("given_name")).isEqualTo("Ines");
		assertThat(claims.getStringClaim("family_name")).isEqualTo("Instructor");
		assertThat(claims.getStringClaim("email")).isEqualTo("ines.instructor@example.edu");
		assertThat(claims.getStringClaim(LtiVocabulary.MESSAGE_TYPE)).isEqualTo("LtiDeepLinkingRequest");
		assertThat(claims.getStringClaim(LtiVocabulary.VERSION)).isEqualTo("1.3.0");
		assertThat(claims.getStringClaim(LtiVocabulary.DEPLOYMENT_ID)).isEqualTo("1");
		assertThat(claims.getStringClaim(LtiVocabulary.TARGET_LINK_URI)).isEqualTo(BASE + "/lti/launch");
		assertThat(claims.getStringListClaim(LtiVocabulary.ROLES))
			.containsExactly("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor");
		assertThat(claims.getJSONObjectClaim(LtiVocabulary.CONTEXT)).containsEntry("id", DemoCourse.ID)
			.containsEntry("title", "Demo course: Family Partnerships");
		assertThat(claims.getJSONObjectClaim(LtiVocabulary.TOOL_PLATFORM)).containsEntry("product_family_code",
				"proofwork-demo");
		assertThat(claims.getJSONObjectClaim(LtiVocabulary.LAUNCH_PRESENTATION)).containsEntry("document_target",
				"iframe");
		assertThat(claims.getJSONObjectClaim(LtiVocabulary.DEEP_LINKING_SETTINGS))
			.containsEntry("deep_link_return_url", LMS + "/deep-link-return")
			.containsEntry("accept_types", List.of("ltiResourceLink"))
			.containsEntry("accept_presentation_document_targets", List.of("iframe", "window"))
			.containsEntry("accept_multiple", true)
			.containsEntry("auto_create", true)
			.containsKey("data");
		assertThat(claims.getJSONObjectClaim(LtiVocabulary.AGS_ENDPOINT)).containsEntry("lineitems", LINE_ITEMS)
			.doesNotContainKey("lineitem");
		assertThat(claims.getJSONObjectClaim(LtiVocabulary.NRPS_SERVICE))
			.containsEntry("context_memberships_url", MEMBERSHIPS)
			.containsEntry("service_versions", List.of("2.0"));
		assertThat(claims.getClaim(LtiVocabulary.RESOURCE_LINK)).isNull();
	}

	@Test
	void deepLinkingResponseCreatesAGradedActivityThatLearnersLaunch() throws Exception {
		HttpResponse<String> returned = addActivity("Planning with Purpose",
				Map.of("label", "Planning with Purpose", "scoreMaximum", 100, "resourceId", "planning", "tag",
						"proofwork"));

		assertThat(returned.statusCode()).as(returned.body()).isEqualTo(200);
		assertThat(returned.body()).contains("data-top-location=\"" + LMS + "/course?as=" + INSTRUCTOR + "&amp;added=1\"");
		String course = get(LMS + "/course?as=" + LEE).body();
		assertThat(course).contains("Planning with Purpose");
		long activityId = new DemoActivities(course).last();

		JWTClaimsSet claims = launch("/launch/resource-link/" + activityId + "?as=" + LEE);

		assertThat(claims.getSubject()).isEqualTo(LEE);
		assertThat(claims.getStringClaim(LtiVocabulary.MESSAGE_TYPE)).isEqualTo("LtiResourceLinkRequest");
		assertThat(claims.getStringListClaim(LtiVocabulary.ROLES))
			.containsExactly("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner");
		assertThat(claims.getJSONObjectClaim(LtiVocabulary.RESOURCE_LINK))
			.containsEntry("id", String.valueOf(activityId))
			.containsEntry("title", "Planning with Purpose");
		assertThat(claims.getJSONObjectClaim(LtiVocabulary.CUSTOM)).containsEntry("credential",
				"planning-with-purpose-in-community-partnerships");
		Map<String, Object> ags = claims.getJSONObjectClaim(LtiVocabulary.AGS_ENDPOINT);
		assertThat(ags).containsEntry("lineitems", LINE_ITEMS);
		assertThat((String) ags.get("lineitem")).matches(LMS.replace(".", "\\.") + "/courses/" + DemoCourse.ID
				+ "/lineitems/\\d+/lineitem\\?type_id=1");
		assertThat(asList(ags.get("scope"))).contains(LtiVocabulary.SCOPE_SCORE, LtiVocabulary.SCOPE_LINEITEM);
	}

	@Test
	void submissionReviewLaunchNamesTheLearnerUnderReview() throws Exception {
		addActivity("Community Partnerships", Map.of("label", "Community Partnerships", "scoreMaximum", 10));
		String token = accessToken(LtiVocabulary.SCOPE_LINEITEM_READONLY);
		List<Object> items = json.readValue(get(LINE_ITEMS, "Authorization", "Bearer " + token).body(), List.class);
		String lineItemUrl = (String) asMap(items.get(items.size() - 1)).get("id");
		String lineItemId = lineItemUrl.replaceAll(".*/lineitems/(\\d+)/lineitem.*", "$1");

		JWTClaimsSet claims = launch("/launch/submission-review/" + lineItemId + "?as=" + INSTRUCTOR + "&for=" + MARIA);

		assertThat(claims.getStringClaim(LtiVocabulary.MESSAGE_TYPE)).isEqualTo("LtiSubmissionReviewRequest");
		assertThat(claims.getJSONObjectClaim(LtiVocabulary.FOR_USER)).containsEntry("user_id", MARIA)
			.containsEntry("name", "Maria Garcia")
			.containsEntry("roles", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"));
		assertThat(claims.getJSONObjectClaim(LtiVocabulary.RESOURCE_LINK)).containsKey("id");
		assertThat(claims.getJSONObjectClaim(LtiVocabulary.AGS_ENDPOINT)).containsEntry("lineitem", lineItemUrl);
	}

	@Test
	void refusesAnAuthenticationRequestWithAnUnregisteredRedirectUri() throws Exception {
		Form login = form(get(LMS + "/launch/deep-linking?as=" + INSTRUCTOR, "Accept", "text/html"));

		HttpResponse<String> response = authenticate(login, "https://evil.example/lti/launch", "n-1");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("redirect_uri").doesNotContain("id_token");
	}

	@Test
	void messageHintIsSingleUse() throws Exception {
		Form login = form(get(LMS + "/launch/deep-linking?as=" + INSTRUCTOR, "Accept", "text/html"));
		assertThat(authenticate(login, BASE + "/lti/launch", "n-1").statusCode()).isEqualTo(200);

		assertThat(authenticate(login, BASE + "/lti/launch", "n-2").statusCode()).isEqualTo(400);
	}

	@Test
	void refusesADeepLinkingResponseSignedWithAKeyTheToolDidNotPublish() throws Exception {
		JWTClaimsSet request = launch("/launch/deep-linking?as=" + INSTRUCTOR);
		Object data = request.getJSONObjectClaim(LtiVocabulary.DEEP_LINKING_SETTINGS).get("data");
		String forged = TestTool.sign(tool.impostor, SignedJWT
			.parse(deepLinkingResponse(data, List.of(Map.of("type", "ltiResourceLink", "title", "Forged"))))
			.getJWTClaimsSet());

		HttpResponse<String> response = postForm(LMS + "/deep-link-return", Map.of("JWT", forged));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(get(LMS + "/course").body()).doesNotContain("Forged");
	}

	@Test
	void refusesADeepLinkingResponseThatDoesNotEchoTheData() throws Exception {
		launch("/launch/deep-linking?as=" + INSTRUCTOR);

		HttpResponse<String> response = postForm(LMS + "/deep-link-return", Map.of("JWT",
				deepLinkingResponse(null, List.of(Map.of("type", "ltiResourceLink", "title", "No data")))));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(jsonOf(response).get("detail").toString()).contains("data");
	}

	@Test
	void onlyTheInstructorAddsActivities() throws Exception {
		assertThat(get(LMS + "/launch/deep-linking?as=" + LEE, "Accept", "text/html").statusCode()).isEqualTo(403);
		assertThat(get(LMS + "/course?as=" + LEE).body()).doesNotContain("Add a Proofwork activity");
		assertThat(get(LMS + "/course?as=" + INSTRUCTOR).body()).contains("Add a Proofwork activity");
	}

	/** The activity ids the course page links to. */
	private record DemoActivities(String coursePage) {

		long last() {
			Matcher matcher = Pattern.compile("/dev/lms/course/activities/(\\d+)")
				.matcher(coursePage);
			long last = -1;
			while (matcher.find()) {
				last = Math.max(last, Long.parseLong(matcher.group(1)));
			}
			assertThat(last).as("an activity link on the course page").isPositive();
			return last;
		}
	}
}
