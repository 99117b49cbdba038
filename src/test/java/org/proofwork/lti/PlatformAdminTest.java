package org.proofwork.lti;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(properties = "proofwork.admin.password={noop}s3cret-admin")
@AutoConfigureMockMvc
class PlatformAdminTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	PlatformRegistry registry;

	@Test
	void adminPagesNeedTheAdministratorsSignIn() throws Exception {
		mvc.perform(get("/admin/platforms")).andExpect(status().is3xxRedirection());
		mvc.perform(formLogin("/admin/login").user("admin").password("wrong"))
			.andExpect(redirectedUrl("/admin/login?error"));
		mvc.perform(formLogin("/admin/login").user("admin").password("s3cret-admin"))
			.andExpect(redirectedUrl("/admin/platforms"));
	}

	@Test
	void anLtiLaunchSessionIsNoAdministrator() throws Exception {
		mvc.perform(get("/admin/platforms").with(user("1:learner").roles("LTI_LAUNCH")))
			.andExpect(status().isForbidden());
	}

	@Test
	void registersAPlatformByHand() throws Exception {
		mvc.perform(post("/admin/platforms").with(admin())
			.with(csrf())
			.param("name", "Canvas Example")
			.param("issuer", "https://canvas.instructure.com")
			.param("clientId", "10000000000777")
			.param("authorizationEndpoint", "https://sso.canvaslms.com/api/lti/authorize_redirect")
			.param("tokenEndpoint", "https://sso.canvaslms.com/login/oauth2/token")
			.param("jwksUri", "https://sso.canvaslms.com/api/lti/security/jwks")
			.param("deploymentIds", "42:abc\n43:def")
			.param("frameOrigins", "https://school.instructure.com"))
			.andExpect(redirectedUrl("/admin/platforms"));

		Platform platform = registry.find("https://canvas.instructure.com", "10000000000777").orElseThrow();
		assertThat(platform.deploymentIds()).containsExactlyInAnyOrder("42:abc", "43:def");
		assertThat(platform.frameOrigins()).containsExactly("https://school.instructure.com");
		assertThat(platform.source()).isEqualTo(Platform.Source.ADMIN);
	}

	@Test
	void refusesAnIncompleteFormAndKeepsWhatWasTyped() throws Exception {
		String page = mvc.perform(post("/admin/platforms").with(admin())
			.with(csrf())
			.param("name", "Half done")
			.param("issuer", "https://half.example")
			.param("clientId", "c1")
			.param("authorizationEndpoint", "not a url")
			.param("tokenEndpoint", "")
			.param("jwksUri", ""))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("Not saved").contains("value=\"Half done\"");
		assertThat(registry.findByIssuer("https://half.example")).isEmpty();
	}

	@Test
	void importsPlatformsFromTheExampleFile() throws Exception {
		byte[] example = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("lti-config/platform-import.example.json"));

		mvc.perform(multipart("/admin/platforms/import")
			.file(new MockMultipartFile("file", "platforms.json", "application/json", example))
			.with(admin())
			.with(csrf())).andExpect(redirectedUrl("/admin/platforms"));

		assertThat(registry.all()).extracting(Platform::issuer)
			.contains("https://moodle.example.edu", "https://canvas.instructure.com");
	}

	@Test
	void anImportWithOneBadEntryStoresNothing() throws Exception {
		String file = """
				{"platforms": [
				  {"issuer": "https://good.example", "clientId": "g", "authorizationEndpoint": "https://good.example/a",
				   "tokenEndpoint": "https://good.example/t", "jwksUri": "https://good.example/j"},
				  {"issuer": "https://bad.example", "clientId": "b", "authorizationEndpoint": "https://bad.example/a",
				   "tokenEndpoint": "https://bad.example/t"}
				]}""";

		String page = mvc.perform(multipart("/admin/platforms/import")
			.file(new MockMultipartFile("file", "platforms.json", "application/json",
					file.getBytes(StandardCharsets.UTF_8)))
			.with(admin())
			.with(csrf())).andReturn().getResponse().getContentAsString();

		assertThat(page).contains("platform 2").contains("JWKS URL");
		assertThat(registry.findByIssuer("https://good.example")).isEmpty();
	}

	@Test
	void rotatesTheToolsKeyOnRequest(@Autowired ToolKeys keys) throws Exception {
		String before = keys.signingKey().getKeyID();

		mvc.perform(post("/admin/keys/rotate").with(admin()).with(csrf())).andExpect(redirectedUrl("/admin/platforms"));

		assertThat(keys.signingKey().getKeyID()).isNotEqualTo(before);
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return user("admin").roles("TOOL_ADMIN");
	}
}
