package org.proofwork.credential;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.proofwork.testing.LaunchFlow.Launched;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * "My credentials" inside the LMS: the launching educator's own credentials with their downloads, share links and
 * credit requests; a course link with {@code page=credentials} opens it directly.
 */
class MyCredentialsPageTest extends CredentialTestSupport {

	@Test
	void listsTheEducatorsCredentialsWithDownloadsAndNobodyElses() throws Exception {
		Earned mine = earn(Person.educator("Page Owner"), Place.community());
		Earned theirs = earn(Person.educator("Someone Else"), Place.community());

		String page = expect(200, mvc.perform(mine.educator().get("/credentials/mine")).andReturn().getResponse())
			.getContentAsString();

		assertThat(page).contains("credential-" + mine.credential().id())
			.contains("/credentials/" + mine.credential().id() + "/credential.json")
			.contains("/credentials/" + mine.credential().id() + "/credential.jwt")
			.contains("/credentials/" + mine.credential().id() + "/record.pdf")
			.contains("North State University")
			.contains("data-status=\"VERIFIED\"")
			.doesNotContain(theirs.credential().id());
	}

	@Test
	void aCourseLinkForCredentialsOpensMyCredentialsForEducatorsAndTheCourseListForAssessors() throws Exception {
		Place place = Place.community();
		Map<String, String> custom = Map.of("page", "credentials");
		Launched educator = launch("Learner", Person.educator("Navigator"), place, custom);
		Launched instructor = launch("Instructor", new Person("instructor-" + place.course(), "Ines Instructor",
				"ines@school.example"), place, custom);

		assertThat(landing(educator)).endsWith("/credentials/mine");
		assertThat(landing(instructor)).endsWith("/credentials");
		assertThat(expect(200, mvc.perform(educator.get("/credentials/mine")).andReturn().getResponse())
			.getContentAsString()).contains("You have not earned a credential yet.");
	}

	@Test
	void educatorsCannotOpenTheCourseList() throws Exception {
		Launched educator = launch("Learner", Person.educator("Curious"), Place.community());

		expect(403, mvc.perform(educator.get("/credentials")).andReturn().getResponse());
	}

	private String landing(Launched launched) throws Exception {
		return mvc.perform(get(launched.page()).cookie(launched.session())).andReturn().getResponse().getRedirectedUrl();
	}
}
