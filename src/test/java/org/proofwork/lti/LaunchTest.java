package org.proofwork.lti;

import org.proofwork.testing.LaunchFlow;
import org.proofwork.testing.TestPlatform;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

class LaunchTest extends LaunchTestSupport {

	@Test
	void loginRedirectsToTheRegisteredAuthorizationEndpointWithEverythingTheSpecAsks() throws Exception {
		Login login = login();

		assertThat(login.authorizationUrl()).startsWith(platform.url("/platform/auth?"))
			.contains("scope=openid", "response_type=id_token", "response_mode=form_post", "prompt=none",
					"client_id=" + TestPlatform.CLIENT_ID, "login_hint=hint-1",
					"lti_message_hint=%7B%22cmid%22:7%7D", "redirect_uri=http://localhost:8080/lti/launch");
	}

	@Test
	void instructorLaunchOpensTheAssessorsPagesOfTheCourseLink() throws Exception {
		Login login = login();
		String token = platform.sign(platform.claims(login.nonce(), target(), "Instructor").build());

		MockHttpServletResponse launched = launch(token, login).andReturn().getResponse();

		assertThat(launched.getStatus()).isEqualTo(302);
		String address = LaunchFlow.launchAddress(launched.getRedirectedUrl());
		// Straight to the review, in one redirect; the launch's own address (a reload) leads to the same page.
		assertThat(launched.getRedirectedUrl()).isEqualTo(address + "/review");
		MockHttpServletResponse landing = mvc
			.perform(get(URI.create(address)).cookie(launched.getCookie("PROOFWORK_SESSION")))
			.andReturn()
			.getResponse();
		assertThat(landing.getRedirectedUrl()).isEqualTo(address + "/review");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM lti_login_state WHERE state = :state")
			.param("state", login.state())
			.query(Long.class)
			.single()).as("login consumed").isZero();
	}

	@Test
	void learnerLaunchOnALinkWithoutCredentialShowsTheLaunchWithTheEducatorRole() throws Exception {
		Login login = login();
		String token = platform.sign(withoutCredential(platform.claims(login.nonce(), target(), "Learner")).build());

		String page = follow(launch(token, login).andReturn().getResponse());

		assertThat(page).contains("Family Engagement 101").contains("Learner Person").contains("Educator")
			.doesNotContain("Assessor").contains("not chosen a credential");
	}

	@Test
	void launchWithoutRolesIsAcceptedWithNoRole() throws Exception {
		Login login = login();
		String token = platform.sign(withoutCredential(platform.claims(login.nonce(), target(), "Learner"))
			.claim(IdTokenValidator.LTI + "roles", List.of())
			.build());

		String page = follow(launch(token, login).andReturn().getResponse());

		assertThat(page).contains("did not say what your role");
	}

	@Test
	void submissionReviewLaunchIsAcceptedWithTheLearnerWhoseWorkIsReviewed() throws Exception {
		Login login = login();
		String token = platform.sign(platform.claims(login.nonce(), target(), "Instructor")
			.claim(IdTokenValidator.LTI + "message_type", "LtiSubmissionReviewRequest")
			.claim(IdTokenValidator.LTI + "for_user", Map.of("user_id", "user-learner", "name", "Lee Learner"))
			.build());

		MockHttpServletResponse launched = launch(token, login).andReturn().getResponse();

		assertThat(launched.getStatus()).isEqualTo(302);
		String address = LaunchFlow.launchAddress(launched.getRedirectedUrl());
		// The review module takes a Submission Review launch to the learner's review (or, without work, the queue).
		assertThat(launched.getRedirectedUrl()).startsWith(address + "/review");
		MockHttpServletResponse landing = mvc
			.perform(get(URI.create(address)).cookie(launched.getCookie("PROOFWORK_SESSION")))
			.andReturn()
			.getResponse();
		assertThat(landing.getRedirectedUrl()).isEqualTo(launched.getRedirectedUrl());
	}

	static com.nimbusds.jwt.JWTClaimsSet.Builder withoutCredential(com.nimbusds.jwt.JWTClaimsSet.Builder claims) {
		return claims.claim(IdTokenValidator.LTI + "custom", Map.of());
	}

	@Test
	void aLaunchPageIsNotReachableFromAnotherSession() throws Exception {
		Login login = login();
		String token = platform.sign(platform.claims(login.nonce(), target(), "Learner").build());
		MockHttpServletResponse launched = launch(token, login).andReturn().getResponse();

		MockHttpServletResponse stranger = mvc.perform(get(launched.getRedirectedUrl()).accept("text/html"))
			.andReturn()
			.getResponse();

		assertThat(stranger.getStatus()).isIn(401, 404);
	}

	String follow(MockHttpServletResponse launched) throws Exception {
		Cookie session = launched.getCookie("PROOFWORK_SESSION");
		assertThat(session).as("session cookie").isNotNull();
		MockHttpServletResponse page = mvc.perform(get(URI.create(launched.getRedirectedUrl())).cookie(session))
			.andReturn()
			.getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		return page.getContentAsString();
	}
}
