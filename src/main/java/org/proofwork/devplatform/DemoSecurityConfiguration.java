package org.proofwork.devplatform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The demo LMS is open to anyone who can reach a developer's machine: it is a simulator for local demos and exists
 * only in the {@code dev} profile. Its own requests carry their protection (single-use hints, signed JWTs, bearer
 * tokens) instead of a CSRF token, because the tool's server and the tool's pages post to it. Its pages may be
 * framed by its own pages (the launch frames), by nobody else.
 */
@Configuration(proxyBeanMethods = false)
@Profile("dev")
class DemoSecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain demoLmsSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/dev/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
			.requestCache(cache -> cache.disable())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}
}
