package org.proofwork.system;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie has to reach the tool inside the LMS's iframe, a third-party context. Browsers send such a
 * cookie only when it is {@code SameSite=None; Secure}, and Chrome keeps it under its third-party cookie rules only
 * when it is also {@code Partitioned}. {@code Secure} needs HTTPS, so over plain HTTP (local demo) the cookie falls
 * back to {@code SameSite=Lax}, which a browser drops silently when {@code None} is sent without {@code Secure}.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

	static final String COOKIE_NAME = "PROOFWORK_SESSION";

	@Bean
	CookieSerializer cookieSerializer() {
		return new FramedSessionCookieSerializer();
	}

	static class FramedSessionCookieSerializer implements CookieSerializer {

		private final DefaultCookieSerializer secure = serializer(true);

		private final DefaultCookieSerializer plain = serializer(false);

		private static DefaultCookieSerializer serializer(boolean https) {
			DefaultCookieSerializer serializer = new DefaultCookieSerializer();
			serializer.setCookieName(COOKIE_NAME);
			serializer.setUseHttpOnlyCookie(true);
			serializer.setUseSecureCookie(https);
			serializer.setSameSite(https ? "None" : "Lax");
			serializer.setPartitioned(https);
			return serializer;
		}

		@Override
		public void writeCookieValue(CookieValue cookieValue) {
			(cookieValue.getRequest().isSecure() ? secure : plain).writeCookieValue(cookieValue);
		}

		@Override
		public List<String> readCookieValues(HttpServletRequest request) {
			return plain.readCookieValues(request);
		}
	}
}
