package org.proofwork.lti;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

// Its own context (and so its own database): the "no platform registered" case must not see other tests' platforms.
@SpringBootTest(properties = "spring.application.name=frame-ancestors-test")
@AutoConfigureMockMvc
@Tag("persistence")
class FrameAncestorsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RegisteredFrameAncestors frameAncestors;

	@AfterEach
	void removeRegistrations() {
		jdbc.sql("DELETE FROM platform_registration WHERE name = 'frame test'").update();
		frameAncestors.forget();
	}

	@Test
	void onlyTheToolItselfAndRegisteredPlatformsMayFrameIt() throws Exception {
		// In its own context the database starts empty; when CI reruns this class on a shared MariaDB database other
		// classes' platforms are there too, and then exactly theirs may appear.
		java.util.Set<String> registered = new java.util.HashSet<>();
		jdbc.sql("SELECT issuer, frame_origins FROM platform_registration").query((rs, row) -> {
			java.net.URI issuer = java.net.URI.create(rs.getString("issuer"));
			registered.add(issuer.getScheme() + "://" + issuer.getHost() + (issuer.getPort() == -1 ? "" : ":" + issuer.getPort()));
			registered.addAll(java.util.Arrays.asList(rs.getString("frame_origins").split("\\s+")));
			return null;
		}).list();
		frameAncestors.forget();

		String policy = mvc.perform(get("/")).andExpect(header().doesNotExist("X-Frame-Options")).andReturn()
			.getResponse()
			.getHeader("Content-Security-Policy");

		String ancestors = policy.substring("frame-ancestors ".length(), policy.indexOf(';'));
		java.util.List<String> listed = java.util.Arrays.asList(ancestors.split(" "));
		org.assertj.core.api.Assertions.assertThat(listed).first().isEqualTo("'self'");
		org.assertj.core.api.Assertions.assertThat(listed.subList(1, listed.size())).allMatch(registered::contains);
		if (registered.isEmpty()) {
			org.assertj.core.api.Assertions.assertThat(listed).containsExactly("'self'");
		}
	}

	@Test
	void registeredPlatformsMayFrameTheTool() throws Exception {
		jdbc.sql("""
				INSERT INTO platform_registration (name, issuer, client_id, authorization_endpoint, token_endpoint,
				  jwks_uri, frame_origins, source, created_at, version)
				VALUES ('frame test', 'https://canvas.instructure.com', 'frame-client', 'https://sso.canvaslms.com/a',
				  'https://sso.canvaslms.com/t', 'https://sso.canvaslms.com/j',
				  'https://school.instructure.com https://evil.example/path "quoted"', 'ADMIN', :now, 0)
				""").param("now", Instant.now()).update();
		frameAncestors.forget();

		mvc.perform(get("/error-free-page-does-not-matter").accept("text/html"))
			.andExpect(header().string("Content-Security-Policy",
					allOf(startsWith("frame-ancestors 'self' "), containsString(" https://canvas.instructure.com"),
							containsString(" https://school.instructure.com"), not(containsString("evil")),
							not(containsString("quoted")))));
	}
}
