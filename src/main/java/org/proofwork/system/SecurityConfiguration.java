package org.proofwork.system;

import java.util.List;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The web security every page shares. Public: the LTI endpoints (the platform posts to them), the key set, health
 * probes, credential verification pages and static files. Everything else needs a session that a launch (or an
 * admin login) created.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String[] PUBLIC_PATHS = { "/", "/lti/**", "/.well-known/**", "/credentials/**", "/actuator/health",
			"/actuator/health/**", "/actuator/info", "/css/**", "/js/**", "/images/**", "/favicon.ico", "/error" };

	@Bean
	SecurityFilterChain webSecurity(HttpSecurity http, List<FrameAncestorSource> frameAncestors) throws Exception {
		http.authorizeHttpRequests(requests -> requests
			.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
			.requestMatchers(PUBLIC_PATHS).permitAll()
			.anyRequest().authenticated());
		// The platform, not the browser's own page, posts the login initiation and the id_token: they carry
		// their own state and nonce checks instead of a CSRF token.
		http.csrf(csrf -> csrf.ignoringRequestMatchers("/lti/login", "/lti/launch"));
		http.headers(headers -> headers.frameOptions(frame -> frame.disable())
			.addHeaderWriter(new FrameAncestorsHeaderWriter(frameAncestors))
			.contentTypeOptions(Customizer.withDefaults())
			// A cookie-less session id in a URL must not leave the tool in a Referer header.
			.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		http.requestCache(cache -> cache.disable());
		// Nobody signs in on a login form: people arrive through a launch from their course, which the 401 page
		// tells them.
		http.exceptionHandling(exceptions -> exceptions
			.authenticationEntryPoint((request, response, failure) -> response.sendError(HttpStatus.UNAUTHORIZED.value())));
		return http.build();
	}
}
