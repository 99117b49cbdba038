package org.proofwork.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tool administrator's sign-in for the admin pages ({@code /admin/...}).
 *
 * @param username the administrator's user name
 * @param password the password, preferably as a bcrypt hash: {@code {bcrypt}$2a$10$...}; a value without an
 * {@code {id}} prefix is taken as plain text. When empty, the admin pages cannot be signed in to.
 */
@ConfigurationProperties("proofwork.admin")
public record AdminProperties(@DefaultValue("admin") String username, String password) {

	boolean enabled() {
		return password != null && !password.isBlank();
	}

	String encodedPassword() {
		return password.startsWith("{") ? password : "{noop}" + password;
	}
}
