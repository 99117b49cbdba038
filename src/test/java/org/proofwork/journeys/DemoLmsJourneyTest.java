package org.proofwork.journeys;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.proofwork.testing.Accessibility;
import org.proofwork.testing.Browser;
import org.proofwork.testing.DemoApplication;
import org.proofwork.testing.RequiresChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer does in the first minute of {@code ./mvnw spring-boot:run}, in a real browser: register the tool in
 * the demo LMS, place a credential with Deep Linking, and open it as a learner inside the LMS's iframe.
 */
@RequiresChromium
class DemoLmsJourneyTest {

	static final String CREDENTIAL = "Planning with Purpose in Community Partnerships";

	static DemoApplication app;

	static WebDriver browser;

	@BeforeAll
	static void start() {
		app = new DemoApplication();
		browser = Browser.start();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (app != null) {
			app.close();
		}
	}

	@Test
	void registerPlaceACredentialAndOpenItAsALearnerInsideTheLms() {
		DemoLms lms = new DemoLms(browser, app.base);
		lms.registerTool();
		lms.placeCredential("planning-with-purpose-in-community-partnerships", CREDENTIAL);

		lms.openActivityAs(DemoLms.LEARNER, CREDENTIAL);

		assertThat(browser.findElement(By.tagName("h1")).getText()).contains(CREDENTIAL);
		assertThat(browser.getPageSource()).contains("Overview").contains("Part 1. Overview Questions");
		Accessibility.assertNoViolations(browser, "the team workspace overview");
	}
}
