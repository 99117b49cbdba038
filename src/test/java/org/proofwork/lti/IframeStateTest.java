package org.proofwork.lti;

import org.proofwork.testing.TestPlatform;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Launch state that survives the LMS's iframe when the browser drops the tool's cookie: LTI Platform Storage when the
 * platform offers it (Canvas), a new window otherwise, and a cookie-less session after the launch.
 */
class IframeStateTest extends LaunchTestSupport {

	@Test
	void offersANewWindowWhenTheBrowserDropsTheCookieAndThePlatformHasNoStorage() throws Exception {
		MockHttpServletResponse initiation = mvc.perform(get("/lti/login").param("iss", platform.issuer)
			.param("client_id", TestPlatform.CLIENT_ID)
			.param("login_hint", "hint-9")
			.param("lti_message_hint", "msg-9")
			.param("target_link_uri", target())).andReturn().getResponse();

		// The browser in the frame did not keep the binding cookie: no cookie on the continuation.
		MockHttpServletResponse continued = mvc.perform(get(URI.create(initiation.getRedirectedUrl())))
			.andReturn()
			.getResponse();

		assertThat(continued.getStatus()).isEqualTo(200);
		assertThat(continued.getRedirectedUrl()).as("never sent to the platform with a state it cannot finish").isNull();
		assertThat(continued.getContentAsString()).contains("target=\"_blank\"")
			.contains("action=\"/lti/login\"")
			.contains("name=\"login_hint\" value=\"hint-9\"")
			.contains("name=\"lti_message_hint\" value=\"msg-9\"")
			.contains("Open Proofwork in a new window");
	}

	@Test
	void keepsTheBindingInPlatformStorageAndContinuesWithoutCookiesAfterTheLaunch() throws Exception {
		MockHttpServletResponse initiation = mvc.perform(get("/lti/login").param("iss", platform.issuer)
			.param("client_id", TestPlatform.CLIENT_ID)
			.param("login_hint", "hint-1")
			.param("target_link_uri", target())
			.param("lti_storage_target", "post_message_forwarding")).andReturn().getResponse();
		String storagePage = initiation.getContentAsString();
		assertThat(storagePage).contains("data-mode=\"put\"")
			.contains("data-storage-target=\"post_message_forwarding\"")
			.contains("data-platform-origin=\"" + platform.url("") + "\"");
		String key = attribute(storagePage, "data-storage-key");
		String value = attribute(storagePage, "data-storage-value");
		String authorization = attribute(storagePage, "data-authorization-url").replace("&amp;", "&");
		String state = key.substring(BrowserBinding.COOKIE_PREFIX.length());
		String nonce = query(authorization, "nonce");
		String token = platform.sign(LaunchTest.withoutCredential(platform.claims(nonce, target(), "Learner")).build());

		// The id_token arrives without the cookie: the tool asks the platform's storage for the binding.
		String getPage = mvc.perform(post("/lti/launch").param("id_token", token).param("state", state))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(getPage).contains("data-mode=\"get\"").contains("data-storage-key=\"" + key + "\"");

		MockHttpServletResponse launched = mvc
			.perform(post("/lti/launch").param("id_token", token)
				.param("state", state)
				.param("lti_storage_binding", value))
			.andReturn()
			.getResponse();
		assertThat(launched.getStatus()).isEqualTo(302);
		assertThat(launched.getRedirectedUrl()).contains("pw_session=");

		// The next request carries no cookie at all, only the session id in the URL.
		MockHttpServletResponse page = mvc.perform(get(URI.create(launched.getRedirectedUrl()))).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("Learner Person");
		assertThat(page.getHeader("Referrer-Policy")).isEqualTo("same-origin");
	}

	@Test
	void platformStorageWithTheWrongValueIsRefused() throws Exception {
		MockHttpServletResponse initiation = mvc.perform(get("/lti/login").param("iss", platform.issuer)
			.param("client_id", TestPlatform.CLIENT_ID)
			.param("login_hint", "hint-1")
			.param("target_link_uri", target())
			.param("lti_storage_target", "_parent")).andReturn().getResponse();
		String storagePage = initiation.getContentAsString();
		String state = attribute(storagePage, "data-storage-key").substring(BrowserBinding.COOKIE_PREFIX.length());
		String nonce = query(attribute(storagePage, "data-authorization-url").replace("&amp;", "&"), "nonce");
		String token = platform.sign(platform.claims(nonce, target(), "Learner").build());

		int status = mvc.perform(post("/lti/launch").param("id_token", token)
			.param("state", state)
			.param("lti_storage_binding", "guessed")).andReturn().getResponse().getStatus();

		assertThat(status).isEqualTo(400);
	}

	private static String attribute(String html, String name) {
		Matcher matcher = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
		assertThat(matcher.find()).as(name).isTrue();
		return matcher.group(1);
	}

	private static String query(String url, String name) {
		return org.springframework.web.util.UriComponentsBuilder.fromUriString(url)
			.build()
			.getQueryParams()
			.getFirst(name);
	}
}
