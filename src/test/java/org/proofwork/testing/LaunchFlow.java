package org.proofwork.testing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.http.Cookie;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A browser's complete LTI launch through MockMvc (login initiation, the platform's id_token, the launch), for tests
 * of the pages behind a launch.
 */
public final class LaunchFlow {

	private final MockMvc mvc;

	private final TestPlatform platform;

	private final String target;

	public LaunchFlow(MockMvc mvc, TestPlatform platform, String target) {
		this.mvc = mvc;
		this.platform = platform;
		this.target = target;
	}

	/**
	 * A person's session after a launch: its cookie and the launch's own address ({@code /launches/{id}}; the launch
	 * redirects to the page under it where it lands).
	 */
	public record Launched(Cookie session, String page) {

		public MockHttpServletRequestBuilder get(String path) {
			return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(page + path).cookie(session);
		}

		public MockHttpServletRequestBuilder post(String path) {
			return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(page + path)
				.cookie(session);
		}
	}

	public Launched launch(String role, UnaryOperator<JWTClaimsSet.Builder> claims) throws Exception {
		MockHttpServletResponse initiation = mvc
			.perform(get("/lti/login").param("iss", platform.issuer)
				.param("login_hint", "hint")
				.param("target_link_uri", target)
				.param("client_id", TestPlatform.CLIENT_ID))
			.andReturn()
			.getResponse();
		Cookie binding = initiation.getCookies()[0];
		MockHttpServletResponse continued = mvc.perform(get(URI.create(initiation.getRedirectedUrl())).cookie(binding))
			.andReturn()
			.getResponse();
		Map<String, List<String>> query = UriComponentsBuilder.fromUriString(continued.getRedirectedUrl())
			.build()
			.getQueryParams();
		String token = platform.sign(claims.apply(platform.claims(query.get("nonce").get(0), target, role)).build());
		MockHttpServletResponse launched = mvc
			.perform(post("/lti/launch").param("id_token", token).param("state", query.get("state").get(0)).cookie(binding))
			.andReturn()
			.getResponse();
		if (launched.getStatus() != 302) {
			throw new AssertionError("launch refused with " + launched.getStatus());
		}
		return new Launched(launched.getCookie("PROOFWORK_SESSION"), launchAddress(launched.getRedirectedUrl()));
	}

	/** {@code /launches/{id}} of the page a launch redirected to. */
	public static String launchAddress(String redirectedUrl) {
		java.util.regex.Matcher address = java.util.regex.Pattern.compile("^/launches/[^/?#]+").matcher(redirectedUrl);
		if (!address.find()) {
			throw new AssertionError("launch redirected outside /launches/: " + redirectedUrl);
		}
		return address.group();
	}
}
