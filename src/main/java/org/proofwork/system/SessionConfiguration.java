package org.proofwork.system;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions that survive the LMS's iframe, a third-party context.
 * <p>
 * The cookie: browsers send it into a cross-site frame only when it is {@code SameSite=None; Secure}, and Chrome
 * keeps it under its third-party cookie rules only when it is also {@code Partitioned}. {@code Secure} needs HTTPS,
 * so over plain HTTP (local demo) the cookie falls back to {@code SameSite=Lax}.
 * <p>
 * Browsers that block third-party cookies altogether (Safari) get a cookie-less session: when a launch shows that
 * this browser keeps no cookie of the tool (see {@link CookielessSessions}), every link, form and redirect the tool
 * writes carries the session id as the {@code pw_session} parameter. Pages then send {@code Referrer-Policy:
 * same-origin}, so the id never leaves the tool in a Referer header.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	static final String COOKIE_NAME = "PROOFWORK_SESSION";

	@Bean
	CookieSerializer cookieSerializer() {
		return new FramedSessionCookieSerializer();
	}

	@Bean
	HttpSessionIdResolver httpSessionIdResolver(CookieSerializer cookies) {
		CookieHttpSessionIdResolver cookieResolver = new CookieHttpSessionIdResolver();
		cookieResolver.setCookieSerializer(cookies);
		return new CookieOrParameterSessionIdResolver(cookieResolver);
	}

	/** Right after Spring Session's filter, so it sees the session; before Spring Security's. */
	@Bean
	@Order(SessionRepositoryFilter.DEFAULT_ORDER + 1)
	CookielessUrlFilter cookielessUrlFilter() {
		return new CookielessUrlFilter();
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

	/** The cookie when the browser sends one, else the {@code pw_session} parameter. */
	static class CookieOrParameterSessionIdResolver implements HttpSessionIdResolver {

		private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f-]{36}");

		private final HttpSessionIdResolver cookies;

		CookieOrParameterSessionIdResolver(HttpSessionIdResolver cookies) {
			this.cookies = cookies;
		}

		@Override
		public List<String> resolveSessionIds(HttpServletRequest request) {
			List<String> fromCookie = cookies.resolveSessionIds(request);
			if (!fromCookie.isEmpty()) {
				return fromCookie;
			}
			String fromParameter = request.getParameter(CookielessSessions.PARAMETER);
			if (fromParameter != null && SESSION_ID.matcher(fromParameter).matches()) {
				CookielessSessions.enable(request);
				return List.of(fromParameter);
			}
			return List.of();
		}

		@Override
		public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
			cookies.setSessionId(request, response, sessionId);
		}

		@Override
		public void expireSession(HttpServletRequest request, HttpServletResponse response) {
			cookies.expireSession(request, response);
		}
	}

	/** Adds the session id to the tool's own URLs while a request is cookie-less. */
	static class CookielessUrlFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			chain.doFilter(request, new HttpServletResponseWrapper(response) {

				@Override
				public String encodeURL(String url) {
					return withSession(request, super.encodeURL(url));
				}

				@Override
				public String encodeRedirectURL(String url) {
					return withSession(request, super.encodeRedirectURL(url));
				}
			});
		}

		private static String withSession(HttpServletRequest request, String url) {
			if (!CookielessSessions.isEnabled(request) || !url.startsWith("/") || url.startsWith("//")
					|| url.contains(CookielessSessions.PARAMETER + "=")) {
				return url;
			}
			HttpSession session;
			try {
				session = request.getSession(false);
			}
			catch (RuntimeException ex) {
				if (DatabaseUnavailable.causedBy(ex)) {
					// The database is down and the error page for that is being written: its links go without the id.
					return url;
				}
				throw ex;
			}
			if (session == null) {
				return url;
			}
			int fragment = url.indexOf('#');
			String path = fragment < 0 ? url : url.substring(0, fragment);
			String rest = fragment < 0 ? "" : url.substring(fragment);
			return path + (path.contains("?") ? "&" : "?") + CookielessSessions.PARAMETER + "=" + session.getId() + rest;
		}
	}
}
