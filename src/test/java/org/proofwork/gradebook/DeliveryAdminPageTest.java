package org.proofwork.gradebook;

import org.junit.jupiter.api.Test;

import org.proofwork.review.DecisionRecorded;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Parked grades wait for the tool administrator, who can send them again.
 */
class DeliveryAdminPageTest extends GradebookTestSupport {

	@Autowired
	MockMvc mvc;

	@Autowired
	ScoreDeliveries deliveries;

	@Test
	void aParkedGradeIsListedForTheAdministratorWhoCanRetryIt() throws Exception {
		Placement link = moodleLink();
		lms.scores(link.lineItemPath(), aResponse().withStatus(502).withBody("Bad gateway"));
		publish(link.decision("ws-admin", DecisionRecorded.Outcome.EARNED, "ok", "admin-parked-user"));
		ScoreDelivery parked = awaitState(link, "admin-parked-user", DeliveryState.PARKED);

		String page = mvc.perform(get("/admin/deliveries").with(user("admin").roles("TOOL_ADMIN")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("admin-parked-user", "Stopped after repeated failures", "Test LMS gradebook-tests",
				"HTTP 502", "/admin/deliveries/" + parked.id() + "/retry");

		lms.acceptScores(link.lineItemPath());
		mvc.perform(post("/admin/deliveries/" + parked.id() + "/retry").with(user("admin").roles("TOOL_ADMIN"))
			.with(csrf())).andExpect(redirectedUrl("/admin/deliveries"));

		ScoreDelivery delivered = awaitState(link, "admin-parked-user", DeliveryState.DELIVERED);
		assertThat(delivered.id()).isEqualTo(parked.id());
		assertThat(lms.acceptedScores(link.lineItemPath())).hasSize(1);
	}

	@Test
	void afterALongOutageTheAdministratorSendsEveryParkedGradeOfThePlatformAgainAtOnce() throws Exception {
		Placement link = moodleLink();
		lms.scores(link.lineItemPath(), aResponse().withStatus(503).withBody("Down for maintenance"));
		for (int i = 1; i <= 3; i++) {
			publish(link.decision("ws-outage-" + i, DecisionRecorded.Outcome.EARNED, "ok", "outage-user-" + i));
		}
		for (int i = 1; i <= 3; i++) {
			awaitState(link, "outage-user-" + i, DeliveryState.PARKED);
		}

		// Other tests of this context may have left grades of the same platform parked: they go out too.
		long parked = deliveries.parkedPerPlatform().get(link.registrationId());
		assertThat(parked).isGreaterThanOrEqualTo(3);
		String page = mvc.perform(get("/admin/deliveries").with(user("admin").roles("TOOL_ADMIN")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Retry all " + parked + " parked grades for Test LMS gradebook-tests",
				"/admin/deliveries/retry-parked?platform=" + link.registrationId());

		lms.acceptScores(link.lineItemPath());
		mvc.perform(post("/admin/deliveries/retry-parked").param("platform", String.valueOf(link.registrationId()))
			.with(user("admin").roles("TOOL_ADMIN"))
			.with(csrf()))
			.andExpect(redirectedUrl("/admin/deliveries"))
			.andExpect(flash().attribute("parkedSentAgain", (int) parked));

		for (int i = 1; i <= 3; i++) {
			awaitState(link, "outage-user-" + i, DeliveryState.DELIVERED);
		}
		assertThat(lms.acceptedScores(link.lineItemPath())).hasSize(3);
	}

	@Test
	void anUnknownPlatformHasNothingToSendAgain() throws Exception {
		mvc.perform(post("/admin/deliveries/retry-parked").param("platform", "987654")
			.with(user("admin").roles("TOOL_ADMIN"))
			.with(csrf())).andExpect(status().isNotFound());
	}

	@Test
	void anLtiSessionCannotSeeOrRetryDeliveries() throws Exception {
		mvc.perform(get("/admin/deliveries").with(user("1:learner").roles("LTI_LAUNCH")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/admin/deliveries/1/retry").with(user("1:learner").roles("LTI_LAUNCH")).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(post("/admin/deliveries/retry-parked").param("platform", "1")
			.with(user("1:learner").roles("LTI_LAUNCH"))
			.with(csrf())).andExpect(status().isForbidden());
	}
}
