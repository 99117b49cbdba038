package org.proofwork.credential;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * University reviewers sign in at {@code /partners/login} with their partner's account from configuration (no LMS
 * involved); the partner pages need that sign-in. A filter chain of its own, after the demo LMS's and the admin's,
 * so the shared web security needs no change. CSRF protection stays on for every form.
 */
@Configuration(proxyBeanMethods = false)
class PartnerSecurityConfiguration {

	static final String ROLE = "PARTNER_REVIEWER";

	@Bean
	@Order(3)
	SecurityFilterChain partnerSecurity(HttpSecurity http, CredentialSettings settings) throws Exception {
		InMemoryUserDetailsManager reviewers = new InMemoryUserDetailsManager();
		settings.partners()
			.forEach(partner -> reviewers.createUser(User.withUsername(partner.reviewerUsername())
				.password(partner.encodedPassword())
				.roles(ROLE)
				.build()));
		http.securityMatcher("/partners/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers("/partners/login").permitAll()
				.anyRequest()
				.hasRole(ROLE))
			.userDetailsService(reviewers)
			.formLogin(form -> form.loginPage("/partners/login").defaultSuccessUrl("/partners/requests", true).permitAll())
			// Signed in otherwise (an LTI launch in the same browser): the reviewer's sign-in, not a dead end.
			.exceptionHandling(exceptions -> exceptions.accessDeniedHandler((request, response, denied) -> response
				.sendRedirect(request.getContextPath() + "/partners/login")))
			.logout(logout -> logout.logoutUrl("/partners/logout").logoutSuccessUrl("/partners/login?signed-out"));
		return http.build();
	}
}
