package org.proofwork.devplatform;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names and Role Provisioning of the demo LMS: the course roster, as strict about the media type as Moodle.
 */
class DemoRosterServiceTest extends DemoLmsHttpTest {

	private String token;

	@BeforeEach
	void registerAndGetAToken() throws Exception {
		register();
		token = accessToken(LtiVocabulary.SCOPE_MEMBERSHIPS);
	}

	@Test
	void refusesARosterRequestWithoutTheMembershipMediaType() throws Exception {
		HttpResponse<String> response = get(MEMBERSHIPS, "Authorization", "Bearer " + token, "Accept",
				"application/json");

		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void returnsTheMembersWithMoodlesShortRoleNames() throws Exception {
		HttpResponse<String> response = get(MEMBERSHIPS, "Authorization", "Bearer " + token, "Accept",
				LtiVocabulary.MEMBERSHIP_CONTAINER_MEDIA_TYPE);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith(LtiVocabulary.MEMBERSHIP_CONTAINER_MEDIA_TYPE));
		Map<String, Object> roster = jsonOf(response);
		assertThat(roster).containsEntry("id", MEMBERSHIPS);
		List<Object> members = asList(roster.get("members"));
		assertThat(members).hasSize(5);
		assertThat(members).anySatisfy(member -> assertThat(asMap(member)).containsEntry("user_id", LEE)
			.containsEntry("name", "Lee Learner")
			.containsEntry("email", "lee.learner@example.edu")
			.containsEntry("status", "Active")
			.containsEntry("roles", List.of("Learner")));
		assertThat(members).anySatisfy(member -> assertThat(asMap(member)).containsEntry("user_id", INSTRUCTOR)
			.containsEntry("roles", List.of("Instructor")));
	}

	@Test
	void refusesARosterRequestWithoutToken() throws Exception {
		HttpResponse<String> response = get(MEMBERSHIPS, "Accept", LtiVocabulary.MEMBERSHIP_CONTAINER_MEDIA_TYPE);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				header -> assertThat(header).startsWith("Bearer"));
	}
}
