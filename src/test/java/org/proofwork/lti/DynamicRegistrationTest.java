package org.proofwork.lti;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "proofwork.lti.allow-insecure-platform-urls=true")
@AutoConfigureMockMvc
class DynamicRegistrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	PlatformRegistry registry;

	private final WireMockServer moodle = new WireMockServer(wireMockConfig().dynamicPort());

	private String issuer;

	@BeforeEach
	void startPlatform() {
		moodle.start();
		issuer = "http://localhost:" + moodle.port() + "/moodle";
		moodle.stubFor(get(urlEqualTo("/moodle/mod/lti/openid-configuration.php"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"issuer": "%1$s", "authorization_endpoint": "%1$s/mod/lti/auth.php",
					 "token_endpoint": "%1$s/mod/lti/token.php", "jwks_uri": "%1$s/mod/lti/certs.php",
					 "registration_endpoint": "%1$s/mod/lti/openid-registration.php",
					 "scopes_supported": ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
					   "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
					   "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
					   "https://purl.imsglobal.org/spec/lti-ags/scope/score",
					   "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly", "openid"],
					 "response_types_supported": ["id_token"],
					 "https://purl.imsglobal.org/spec/lti-platform-configuration": {
					   "product_family_code": "moodle", "version": "5.0.6",
					   "messages_supported": [{"type": "LtiResourceLinkRequest"}, {"type": "LtiDeepLinkingRequest"}]}}
					""".formatted(issuer))));
	}

	@AfterEach
	void stopPlatform() {
		moodle.stop();
	}

	@Test
	void registersWithTheConfigurationMoodleRequiresAndStoresTheAssignedClientAndDeployment() throws Exception {
		moodle.stubFor(post(urlEqualTo("/moodle/mod/lti/openid-registration.php"))
			.withHeader("Authorization", equalTo("Bearer reg-token-1"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"client_id": "moodle-client-9", "response_types": ["id_token"],
					 "https://purl.imsglobal.org/spec/lti-tool-configuration": {"deployment_id": "4"}}
					""")));

		MvcResult result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/lti/register")
			.param("openid_configuration", issuer + "/mod/lti/openid-configuration.php")
			.param("registration_token", "reg-token-1")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsString()).contains("registration-close.js")
			.contains("moodle-client-9")
			.contains("Activate");
		Platform platform = registry.find(issuer, "moodle-client-9").orElseThrow();
		assertThat(platform.deploymentIds()).containsExactly("4");
		assertThat(platform.jwksUri().toString()).isEqualTo(issuer + "/mod/lti/certs.php");
		assertThat(platform.source()).isEqualTo(Platform.Source.DYNAMIC);
		moodle.verify(postRequestedFor(urlEqualTo("/moodle/mod/lti/openid-registration.php"))
			.withRequestBody(matchingJsonPath("$.client_name", equalTo("Proofwork")))
			.withRequestBody(matchingJsonPath("$.application_type", equalTo("web")))
			.withRequestBody(matchingJsonPath("$.response_types[0]", equalTo("id_token")))
			.withRequestBody(matchingJsonPath("$.initiate_login_uri", equalTo("http://localhost:8080/lti/login")))
			.withRequestBody(matchingJsonPath("$.redirect_uris[0]", equalTo("http://localhost:8080/lti/launch")))
			.withRequestBody(matchingJsonPath("$.jwks_uri", equalTo("http://localhost:8080/.well-known/jwks.json")))
			.withRequestBody(matchingJsonPath("$.token_endpoint_auth_method", equalTo("private_key_jwt")))
			.withRequestBody(matchingJsonPath("$['https://purl.imsglobal.org/spec/lti-tool-configuration'].domain",
					equalTo("localhost:8080")))
			.withRequestBody(matchingJsonPath(
					"$['https://purl.imsglobal.org/spec/lti-tool-configuration'].messages[?(@.type == 'LtiDeepLinkingRequest')]"))
			.withRequestBody(matchingJsonPath(
					"$['https://purl.imsglobal.org/spec/lti-tool-configuration'].messages[?(@.type == 'LtiSubmissionReviewRequest')]"))
			.withRequestBody(matchingJsonPath("$.scope",
					equalTo("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly https://purl.imsglobal.org/spec/lti-ags/scope/score https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"))));
	}

	@Test
	void aRefusedRegistrationSaysWhyAndRegistersNothing() throws Exception {
		moodle.stubFor(post(urlEqualTo("/moodle/mod/lti/openid-registration.php"))
			.willReturn(aResponse().withStatus(400).withBody("Unsupported token_endpoint_auth_method")));

		MvcResult result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/lti/register")
			.param("openid_configuration", issuer + "/mod/lti/openid-configuration.php")
			.param("registration_token", "reg-token-2")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(502);
		assertThat(result.getResolvedException()).hasMessageContaining("Unsupported token_endpoint_auth_method");
		assertThat(registry.findByIssuer(issuer)).isEmpty();
	}

	@Test
	void refusesAConfigurationWhoseIssuerIsOnAnotherHost() throws Exception {
		moodle.stubFor(get(urlEqualTo("/evil/openid-configuration"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"issuer": "https://canvas.instructure.com", "authorization_endpoint": "https://x/a",
					 "token_endpoint": "https://x/t", "jwks_uri": "https://x/j", "registration_endpoint": "https://x/r"}
					""")));

		MvcResult result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/lti/register")
			.param("openid_configuration", "http://localhost:" + moodle.port() + "/evil/openid-configuration")).andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(registry.findByIssuer("https://canvas.instructure.com")).isEmpty();
	}
}
