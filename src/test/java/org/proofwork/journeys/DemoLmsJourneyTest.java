package org.proofwork.journeys;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
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

	static final String INSTRUCTOR = "7f3a9c21e8";

	static final String LEARNER = "2c8e5f9047";

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
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

		browser.get(app.base + "/dev/lms?as=" + INSTRUCTOR);
		browser.findElement(By.cssSelector("[data-registration-start]")).click();
		wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("registration-status")),
				"textContent"));
		wait.until(driver -> {
			driver.navigate().refresh();
			return driver.findElements(By.cssSelector(".status-ok")).size() > 0;
		});

		browser.get(app.base + "/dev/lms/course?as=" + INSTRUCTOR);
		browser.findElement(By.linkText("Add a Proofwork activity")).click();
		browser.switchTo().frame(browser.findElement(By.cssSelector("iframe.launch-frame")));
		wait.until(ExpectedConditions.elementToBeClickable(
				By.id("credential-planning-with-purpose-in-community-partnerships")))
			.click();
		browser.findElement(By.cssSelector("button.primary")).click();
		browser.switchTo().defaultContent();
		wait.until(driver -> driver.getCurrentUrl().contains("/dev/lms/course")
				&& driver.getPageSource().contains(CREDENTIAL));

		browser.get(app.base + "/dev/lms/course?as=" + LEARNER);
		browser.findElement(By.cssSelector("a[aria-label*='" + CREDENTIAL + "']")).click();
		browser.switchTo().frame(browser.findElement(By.cssSelector("iframe.launch-frame")));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));

		assertThat(browser.findElement(By.tagName("h1")).getText()).contains(CREDENTIAL);
		assertThat(browser.getPageSource()).contains("Lee Learner");
	}
}
