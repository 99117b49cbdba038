package org.proofwork.lti;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.proofwork.testing.MutableClock;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class NamesRoleServiceTest {

	@RegisterExtension
	static WireMockExtension lms = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String TOKEN_PATH = "/mod/lti/token.php";

	static final String MEMBERSHIPS_PATH = "/mod/lti/services.php/CourseSection/2/bindings/3/memberships";

	static final String NRPS_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

	static RSAKey toolKey;

	NamesRoleService roster;

	Platform platform;

	@BeforeAll
	static void createToolKey() throws Exception {
		toolKey = new RSAKeyGenerator(2048).keyID("tool-key-1").algorithm(JWSAlgorithm.RS256).generate();
	}

	@BeforeEach
	void platformIssuesTokensAndRefusesOtherMediaTypes() {
		MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
		PlatformHttp http = new PlatformHttp(RestClient.builder(), clock, Duration.ofSeconds(2));
		roster = new NamesRoleService(new PlatformAccessTokens(() -> toolKey, http, clock), http);
		platform = PlatformAccessTokensTest.platform(URI.create(lms.baseUrl() + TOKEN_PATH));
		lms.stubFor(post(TOKEN_PATH).willReturn(PlatformAccessTokensTest.moodleToken("nrps-token", 3600)));
		// What Moodle does with any Accept header but the exact NRPS media type.
		lms.stubFor(get(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(400)));
	}

	@Test
	void asksForTheExactMembershipMediaTypeWithTheRosterScope() {
		stubPage(MEMBERSHIPS_PATH, members(member("5", "Learner")));

		assertThat(roster.members(platform, url(MEMBERSHIPS_PATH))).hasSize(1);
		lms.verify(getRequestedFor(urlEqualTo(MEMBERSHIPS_PATH)).withHeader("Accept", equalTo(NRPS_TYPE))
			.withHeader("Authorization", equalTo("Bearer nrps-token")));
		lms.verify(postRequestedFor(urlEqualTo(TOKEN_PATH)).withFormParam("scope",
				equalTo("https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly")));
	}

	@Test
	void readsEveryPageAnnouncedByLinkNext() {
		String second = MEMBERSHIPS_PATH + "?page=2&per_page=2";
		stubPage(MEMBERSHIPS_PATH, members(member("1", "Learner"), member("2", "Learner")),
				"<" + lms.baseUrl() + second + ">; rel=\"next\", <" + lms.baseUrl() + second + ">; rel=\"last\"");
		stubPage(second, members(member("3", "Instructor")));

		List<Member> members = roster.members(platform, url(MEMBERSHIPS_PATH));

		assertThat(members).extracting(Member::userId).containsExactly("1", "2", "3");
	}

	@Test
	void mapsMoodlesShortRoleNames() {
		stubPage(MEMBERSHIPS_PATH, members(member("5", "Learner"), member("6", "Instructor")));

		List<Member> members = roster.members(platform, url(MEMBERSHIPS_PATH));

		assertThat(members).extracting(Member::roles)
			.containsExactly(Set.of(LtiRole.EDUCATOR), Set.of(LtiRole.ASSESSOR));
	}

	@Test
	void mapsCanvasRoleUrisAndKeepsThemAsSent() {
		String instructor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";
		String teachingAssistant = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant";
		stubPage(MEMBERSHIPS_PATH, members(member("c-9", instructor, teachingAssistant)));

		Member member = roster.members(platform, url(MEMBERSHIPS_PATH)).get(0);

		assertThat(member.roles()).containsExactly(LtiRole.ASSESSOR);
		assertThat(member.ltiRoles()).containsExactly(instructor, teachingAssistant);
	}

	@Test
	void readsNamesEmailAndStatus() {
		stubPage(MEMBERSHIPS_PATH, members("""
				{"user_id": "5", "name": "Ada Lovelace", "given_name": "Ada", "family_name": "Lovelace",
				 "email": "ada@example.edu", "status": "Inactive", "roles": ["Learner"]}"""));

		Member member = roster.members(platform, url(MEMBERSHIPS_PATH)).get(0);

		assertThat(member).isEqualTo(new Member("5", "Ada Lovelace", "Ada", "Lovelace", "ada@example.edu",
				Member.Status.INACTIVE, Set.of(LtiRole.EDUCATOR), List.of("Learner")));
	}

	@Test
	void memberWithoutStatusIsActive() {
		stubPage(MEMBERSHIPS_PATH, members(member("5", "Learner")));

		assertThat(roster.members(platform, url(MEMBERSHIPS_PATH)).get(0).status()).isEqualTo(Member.Status.ACTIVE);
	}

	@Test
	void doesNotFollowANextLinkToAnotherHost() {
		stubPage(MEMBERSHIPS_PATH, members(member("1", "Learner")),
				"<https://elsewhere.example.com/memberships?page=2>; rel=\"next\"");

		assertThat(roster.members(platform, url(MEMBERSHIPS_PATH))).hasSize(1);
	}

	private static void stubPage(String pathAndQuery, String body) {
		stubPage(pathAndQuery, body, null);
	}

	private static void stubPage(String pathAndQuery, String body, String link) {
		ResponseDefinitionBuilder page = aResponse().withStatus(200)
			.withHeader("Content-Type", NRPS_TYPE)
			.withBody(body);
		if (link != null) {
			page = page.withHeader("Link", link);
		}
		lms.stubFor(get(urlEqualTo(pathAndQuery)).withHeader("Accept", equalTo(NRPS_TYPE)).willReturn(page));
	}

	private static String members(String... members) {
		return """
				{"id": "%s", "context": {"id": "2", "label": "EDU501", "title": "Teaching portfolios"},
				 "members": [%s]}""".formatted(lms.baseUrl() + MEMBERSHIPS_PATH, String.join(",", members));
	}

	private static String member(String userId, String... roles) {
		return "{\"user_id\": \"" + userId + "\", \"roles\": [\"" + String.join("\", \"", roles) + "\"]}";
	}

	private static URI url(String pathAndQuery) {
		return URI.create(lms.baseUrl() + pathAndQuery);
	}
}
