package org.proofwork.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The admin pages sit behind a form login with the one administrator account from configuration; they are not
 * reachable through an LTI launch.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

	static final String ROLE = "TOOL_ADMIN";

	private static final Logger log = LoggerFactory.getLogger(AdminSecurityConfiguration.class);

	@Bean
	@Order(2)
	SecurityFilterChain adminSecurity(HttpSecurity http, AdminProperties admin) throws Exception {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
		if (admin.enabled()) {
			users.createUser(User.withUsername(admin.username()).password(admin.encodedPassword()).roles(ROLE).build());
		}
		else {
			log.warn("No proofwork.admin.password is set: the admin pages (/admin) cannot be signed in to.");
		}
		http.securityMatcher("/admin/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers("/admin/login").permitAll()
				.anyRequest().hasRole(ROLE))
			.userDetailsService(users)
			.formLogin(form -> form.loginPage("/admin/login").defaultSuccessUrl("/admin/platforms", true).permitAll())
			.logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessUrl("/admin/login?signed-out"));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** Keeps Spring Boot from creating its default user with a generated password. */
	@Bean
	UserDetailsService noDefaultUser() {
		return new InMemoryUserDetailsManager();
	}
}
