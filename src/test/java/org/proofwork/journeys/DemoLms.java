package org.proofwork.journeys;

import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person does in the demo LMS, in a real browser: register the tool, place a credential, open an activity
 * as somebody; and helpers to fill Proofwork's forms inside the LMS's frame.
 */
final class DemoLms {

	static final String INSTRUCTOR = "7f3a9c21e8";

	static final String LEARNER = "2c8e5f9047";

	final WebDriver browser;

	final String base;

	final WebDriverWait wait;

	DemoLms(WebDriver browser, String base) {
		this.browser = browser;
		this.base = base;
		this.wait = new WebDriverWait(browser, Duration.ofSeconds(30));
	}

	void registerTool() {
		browser.get(base + "/dev/lms?as=" + INSTRUCTOR);
		browser.findElement(By.cssSelector("[data-registration-start]")).click();
		// The demo LMS reports the close message, or reloads the page itself: look the element up afresh each time.
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.until(driver -> !driver.findElement(By.id("registration-status")).getAttribute("textContent").isBlank()
					|| !driver.findElements(By.cssSelector(".status-ok")).isEmpty());
		wait.until(driver -> {
			driver.navigate().refresh();
			return !driver.findElements(By.cssSelector(".status-ok")).isEmpty();
		});
	}

	void placeCredential(String credentialId, String title) {
		browser.get(base + "/dev/lms/course?as=" + INSTRUCTOR);
		browser.findElement(By.linkText("Add a Proofwork activity")).click();
		enterToolFrame();
		wait.until(ExpectedConditions.elementToBeClickable(By.id("credential-" + credentialId))).click();
		browser.findElement(By.cssSelector("button.primary")).click();
		browser.switchTo().defaultContent();
		wait.until(driver -> driver.getCurrentUrl().contains("/dev/lms/course")
				&& driver.getPageSource().contains(title));
	}

	void openActivityAs(String user, String title) {
		browser.get(base + "/dev/lms/course?as=" + user);
		browser.findElement(By.cssSelector("a[aria-label*='" + title + "']")).click();
		enterToolFrame();
		// The frame passes through the login, the platform's auto-post and the launch's redirects: wait for the
		// tool's own page, fully loaded.
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> {
			Object location = ((JavascriptExecutor) driver)
				.executeScript("return document.readyState === 'complete' ? document.location.pathname : ''");
			return String.valueOf(location).startsWith("/launches/")
					&& !driver.findElement(By.tagName("h1")).getText().isBlank();
		});
	}

	void enterToolFrame() {
		browser.switchTo().defaultContent();
		browser.switchTo().frame(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe.launch-frame"))));
	}

	/** Sets a control of the current page by its name: text by script (fast for long answers), choices by value. */
	void fill(String name, String value) {
		List<WebElement> controls = browser.findElements(By.name(name));
		if (controls.isEmpty()) {
			throw new AssertionError("No control named " + name + " on " + browser.getCurrentUrl());
		}
		WebElement control = controls.get(0);
		String type = control.getAttribute("type");
		if ("select".equals(control.getTagName())) {
			new Select(control).selectByValue(value);
		}
		else if ("radio".equals(type)) {
			controls.stream().filter(c -> value.equals(c.getAttribute("value"))).findFirst().orElseThrow().click();
		}
		else {
			((JavascriptExecutor) browser).executeScript(
					"arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
					control, value);
		}
	}

	/** Clicks a submit button of the section form (save, add an item) and waits for the page to come back. */
	void press(String action) {
		WebElement button = browser.findElement(By.cssSelector("button[name='action'][value='" + action + "']"));
		button.click();
		wait.until(ExpectedConditions.stalenessOf(button));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
	}

	void openSection(String title) {
		browser.findElement(By.linkText(title)).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("section-form")));
	}

	void backToOverview() {
		browser.findElement(By.linkText("Overview")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("overview-title")));
	}
}
