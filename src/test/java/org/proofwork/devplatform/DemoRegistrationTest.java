package org.proofwork.devplatform;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * LTI Dynamic Registration with the demo LMS: its OpenID configuration, and a registration endpoint as strict as
 * Moodle's.
 */
class DemoRegistrationTest extends DemoLmsHttpTest {

	@Test
	void publishesAnOpenIdConfigurationForDynamicRegistration() throws Exception {
		HttpResponse<String> response = get(LMS + "/.well-known/openid-configuration");

		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> configuration = jsonOf(response);
		assertThat(configuration).containsEntry("issuer", LMS)
			.containsEntry("authorization_endpoint", LMS + "/auth")
			.containsEntry("token_endpoint", LMS + "/token")
			.containsEntry("jwks_uri", LMS + "/.well-known/jwks.json")
			.containsEntry("registration_endpoint", LMS + "/registrations")
			.containsEntry("response_types_supported", List.of("id_token"))
			.containsEntry("id_token_signing_alg_values_supported", List.of("RS256"))
			.containsKeys("scopes_supported", "claims_supported");
		assertThat(asList(configuration.get("scopes_supported"))).contains("openid", LtiVocabulary.SCOPE_SCORE,
				LtiVocabulary.SCOPE_MEMBERSHIPS);
		assertThat(configuration.get(LtiVocabulary.PLATFORM_CONFIGURATION)).isEqualTo(Map.of("product_family_code",
				"proofwork-demo", "version", "1.0", "messages_supported",
				List.of(Map.of("type", "LtiResourceLinkRequest"), Map.of("type", "LtiDeepLinkingRequest"),
						Map.of("type", "LtiSubmissionReviewRequest"))));
	}

	@Test
	void homePageOpensTheToolsRegistrationPageWithConfigurationAndToken() throws Exception {
		String body = get(LMS).body();

		assertThat(body).contains(BASE + "/lti/register?openid_configuration=" + LMS
				+ "/.well-known/openid-configuration&amp;registration_token=");
	}

	@Test
	void acceptsAMoodleStyleRegistrationAndAssignsClientAndDeployment() throws Exception {
		HttpResponse<String> response = postJson(LMS + "/registrations", "application/json",
				tool.registrationRequest(), "Authorization", "Bearer " + registrationToken());

		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> registration = jsonOf(response);
		assertThat((String) registration.get("client_id")).isNotBlank();
		assertThat(registration).containsEntry("client_name", "Proofwork")
			.containsEntry("jwks_uri", tool.jwksUri());
		@SuppressWarnings("unchecked")
		Map<String, Object> toolConfiguration = (Map<String, Object>) registration.get(LtiVocabulary.TOOL_CONFIGURATION);
		assertThat(toolConfiguration).containsEntry("deployment_id", "1")
			.containsEntry("target_link_uri", BASE + "/lti/launch");
		assertThat(get(LMS).body()).contains((String) registration.get("client_id"));
	}

	@Test
	void registrationTokenIsSingleUse() throws Exception {
		String token = registrationToken();
		assertThat(postJson(LMS + "/registrations", "application/json", tool.registrationRequest(), "Authorization",
				"Bearer " + token).statusCode()).isEqualTo(200);

		assertThat(postJson(LMS + "/registrations", "application/json", tool.registrationRequest(), "Authorization",
				"Bearer " + token).statusCode()).isEqualTo(401);
	}

	@Test
	void refusesARegistrationWithoutToken() throws Exception {
		assertThat(postJson(LMS + "/registrations", "application/json", tool.registrationRequest()).statusCode())
			.isEqualTo(401);
	}

	static Stream<Arguments> registrationsMoodleRefuses() {
		return Stream.of(
				arguments("client_name missing", change(request -> request.remove("client_name"))),
				arguments("response_types missing", change(request -> request.remove("response_types"))),
				arguments("response_types without id_token",
						change(request -> request.put("response_types", List.of("code")))),
				arguments("initiate_login_uri missing", change(request -> request.remove("initiate_login_uri"))),
				arguments("redirect_uris missing", change(request -> request.remove("redirect_uris"))),
				arguments("redirect_uris not an array",
						change(request -> request.put("redirect_uris", BASE + "/lti/launch"))),
				arguments("jwks_uri missing", change(request -> request.remove("jwks_uri"))),
				arguments("token_endpoint_auth_method missing",
						change(request -> request.remove("token_endpoint_auth_method"))),
				arguments("token_endpoint_auth_method client_secret_basic",
						change(request -> request.put("token_endpoint_auth_method", "client_secret_basic"))),
				arguments("application_type native", change(request -> request.put("application_type", "native"))),
				arguments("tool configuration missing",
						change(request -> request.remove(LtiVocabulary.TOOL_CONFIGURATION))),
				arguments("domain missing", changeConfiguration(configuration -> configuration.remove("domain"))),
				arguments("domain without the port",
						changeConfiguration(configuration -> configuration.put("domain", "localhost"))),
				arguments("target_link_uri missing",
						changeConfiguration(configuration -> configuration.remove("target_link_uri"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("registrationsMoodleRefuses")
	void refusesARegistrationMoodleWouldRefuse(String why, Consumer<Map<String, Object>> change) throws Exception {
		Map<String, Object> request = tool.registrationRequest();
		change.accept(request);

		HttpResponse<String> response = postJson(LMS + "/registrations", "application/json", request,
				"Authorization", "Bearer " + registrationToken());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(jsonOf(response).get("detail")).as("reason").isNotNull();
	}

	private static Consumer<Map<String, Object>> change(Consumer<Map<String, Object>> change) {
		return change;
	}

	@SuppressWarnings("unchecked")
	private static Consumer<Map<String, Object>> changeConfiguration(Consumer<Map<String, Object>> change) {
		return request -> {
			Map<String, Object> configuration = new LinkedHashMap<>(
					(Map<String, Object>) request.get(LtiVocabulary.TOOL_CONFIGURATION));
			change.accept(configuration);
			request.put(LtiVocabulary.TOOL_CONFIGURATION, configuration);
		};
	}
}
