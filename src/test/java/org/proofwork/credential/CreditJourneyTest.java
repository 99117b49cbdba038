package org.proofwork.credential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.proofwork.testing.Accessibility;
import org.proofwork.testing.Browser;
import org.proofwork.testing.DemoApplication;
import org.proofwork.testing.RequiresChromium;

import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole way of a credential to graduate credit, in a real browser with the demo LMS: an educator submits, the
 * instructor decides Earned, the educator downloads the credential from My credentials inside the LMS, shares it and
 * asks a university for credit; the university's reviewer signs in, opens the evidence and accepts; the educator
 * sees the credit granted, and the public page verifies the credential.
 */
@RequiresChromium
class CreditJourneyTest {

	static final String CREDENTIAL_ID = "community-partnerships-for-learning-and-family-well-being";

	static final String CREDENTIAL = "Community Partnerships for Learning and Family Well-Being";

	static final String INSTRUCTOR = "7f3a9c21e8";

	static final String LEARNER = "2c8e5f9047";

	static final String LEARNER_NAME = "Lee Learner";

	static DemoApplication app;

	static WebDriver browser;

	static WebDriverWait wait;

	@TempDir
	static Path files;

	@BeforeAll
	static void start() {
		app = new DemoApplication("--proofwork.credential.issuer.name=Demo Micro-credentials",
				"--proofwork.credential.credits-available." + CREDENTIAL_ID + "=3",
				"--proofwork.credential.partners[0].id=north",
				"--proofwork.credential.partners[0].name=North State University",
				"--proofwork.credential.partners[0].credits-per-credential." + CREDENTIAL_ID + "=3",
				"--proofwork.credential.partners[0].instructions=Enrol as a non-degree student first.",
				"--proofwork.credential.partners[0].reviewer-username=north-reviewer",
				"--proofwork.credential.partners[0].reviewer-password={noop}north-secret");
		browser = Browser.start();
		wait = new WebDriverWait(browser, Duration.ofSeconds(30));
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
	void anEarnedCredentialIsDownloadedSharedGrantedCreditAndVerified() throws IOException {
		registerTool();
		placeCredential();

		// The educator submits a file and an answer.
		openActivityAs(LEARNER);
		browser.findElement(By.linkText("Part 1. Overview Questions (Provides Context)")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("section-form")));
		type("prompt.why-this-micro-credential", "To grow family partnerships in my school.");
		press("save");
		browser.findElement(By.linkText("Overview")).click();
		browser.findElement(By.linkText("Artifact 1: Needs Assessment")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("section-form")));
		WebElement form = browser.findElement(By.id("section-form"));
		browser.findElement(By.id("upload-survey-document-input")).sendKeys(pdf().toRealPath().toString());
		wait.until(ExpectedConditions.stalenessOf(form));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("section-form")));
		browser.findElement(By.linkText("Review and submit")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm"))).click();
		browser.findElement(By.cssSelector("button.primary")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("overview-title")));

		// The instructor decides Earned with the review pages.
		openActivityAs(INSTRUCTOR);
		browser.findElement(By.cssSelector("table.data th[scope='row'] a[href*='/review/']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.name("action")));
		for (WebElement fieldset : browser.findElements(By.cssSelector("fieldset[id^='component-']"))) {
			click(fieldset.findElements(By.cssSelector("input[type='radio']")).get(0));
		}
		WebElement decide = browser.findElement(By.cssSelector("button[name='action'][value='decide']"));
		decide.click();
		wait.until(ExpectedConditions.stalenessOf(decide));
		JdbcClient jdbc = app.bean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("SELECT COUNT(*) FROM credential").query(Long.class).single() == 1);
		String credentialId = jdbc.sql("SELECT id FROM credential").query(String.class).single();

		// The educator finds it on My credentials inside the LMS and downloads it.
		openMyCredentials();
		assertThat(browser.findElement(By.id("credential-" + credentialId)).getText()).contains(CREDENTIAL)
			.contains("Verified");
		Accessibility.assertNoViolations(browser, "my credentials");
		JsonNode downloaded = VcJwt.json.readTree(fetch(browser.findElement(By.cssSelector("a.download-json"))
			.getAttribute("href")));
		assertThat(downloaded.path("type").toString()).contains("OpenBadgeCredential");
		assertThat(fetch(browser.findElement(By.cssSelector("a.download-jwt")).getAttribute("href"))).matches(
				"[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

		// They share it with the artifacts, and ask the university for credit.
		browser.findElement(By.name("label")).sendKeys("Admissions office");
		click(browser.findElement(By.cssSelector(".share-form input[name='includeArtifacts']")));
		submit(browser.findElement(By.cssSelector(".share-form button[type='submit']")));
		String shareUrl = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-share-link")))
			.getAttribute("href");
		new Select(browser.findElement(By.name("partner"))).selectByValue("north");
		type("message", "Please count this towards my M.Ed.");
		submit(browser.findElement(By.cssSelector(".credit-form button[type='submit']")));
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".credit-status")))
			.getText()).isEqualTo("Waiting for the university");
		Accessibility.assertNoViolations(browser, "my credentials with a share link and a credit request");

		// The shared link shows the credential, the earner and the work.
		browser.switchTo().defaultContent();
		browser.get(shareUrl);
		assertThat(browser.findElement(By.id("earner-name")).getText()).isEqualTo(LEARNER_NAME);
		assertThat(browser.getPageSource()).contains("To grow family partnerships in my school.")
			.contains("survey.pdf");
		Accessibility.assertNoViolations(browser, "the shared credential");

		// The university's reviewer signs in, opens the evidence and accepts with 3 credits.
		browser.get(app.base + "/partners/login");
		Accessibility.assertNoViolations(browser, "the university's sign-in");
		browser.findElement(By.id("username")).sendKeys("north-reviewer");
		browser.findElement(By.id("password")).sendKeys("north-secret");
		submit(browser.findElement(By.cssSelector("button[type='submit']")));
		browser.findElement(By.cssSelector("a.open-request")).click();
		String evidence = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("open-evidence")))
			.getAttribute("href");
		String requestPage = browser.getCurrentUrl();
		browser.get(evidence);
		assertThat(browser.findElement(By.id("verification-status")).getAttribute("data-status")).isEqualTo("VERIFIED");
		browser.get(requestPage);
		assertThat(browser.findElement(By.id("credits")).getAttribute("value")).isEqualTo("3");
		Accessibility.assertNoViolations(browser, "the credit request");
		type("note", "Recorded for the spring term.");
		submit(browser.findElement(By.cssSelector("#decision-form button[type='submit']")));
		assertThat(browser.findElement(By.id("request-status")).getText()).isEqualTo("Accepted");

		// The educator sees the credit granted.
		openMyCredentials();
		assertThat(browser.findElement(By.cssSelector(".credit-status")).getText()).isEqualTo("Accepted");
		assertThat(browser.findElement(By.cssSelector(".credit-requests")).getText()).contains("3")
			.contains("Recorded for the spring term.");

		// Withdrawn, the share link shows nothing but that it was withdrawn.
		submit(browser.findElement(By.xpath("//table[contains(@class, 'shares')]//tr[.//a[@href='" + shareUrl
				+ "']]//button[@type='submit']")));
		browser.switchTo().defaultContent();
		browser.get(shareUrl);
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This share link was withdrawn.");
		Accessibility.assertNoViolations(browser, "a withdrawn share link");
		assertThat(browser.getPageSource()).doesNotContain(LEARNER_NAME);

		// Anyone can check the credential on its public page.
		browser.get(app.base + "/credentials/" + credentialId);
		assertThat(browser.findElement(By.id("verification-status")).getAttribute("data-status")).isEqualTo("VERIFIED");
		assertThat(browser.findElements(By.cssSelector("[data-check][data-passed='true']"))).hasSize(4);
		assertThat(browser.findElement(By.cssSelector("table.results")).getText())
			.contains("Artifact 1: Needs Assessment (survey)")
			.contains("Proficient");
		Accessibility.assertNoViolations(browser, "the public verification page");
	}

	private void registerTool() {
		browser.get(app.base + "/dev/lms?as=" + INSTRUCTOR);
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

	private void placeCredential() {
		browser.get(app.base + "/dev/lms/course?as=" + INSTRUCTOR);
		browser.findElement(By.linkText("Add a Proofwork activity")).click();
		enterToolFrame();
		wait.until(ExpectedConditions.elementToBeClickable(By.id("credential-" + CREDENTIAL_ID))).click();
		browser.findElement(By.cssSelector("button.primary")).click();
		browser.switchTo().defaultContent();
		wait.until(driver -> driver.getCurrentUrl().contains("/dev/lms/course")
				&& driver.getPageSource().contains(CREDENTIAL));
	}

	private void openActivityAs(String user) {
		browser.switchTo().defaultContent();
		browser.get(app.base + "/dev/lms/course?as=" + user);
		browser.findElement(By.cssSelector("a[aria-label*='" + CREDENTIAL + "']")).click();
		enterToolFrame();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
	}

	/** The educator's launch, then My credentials in the same frame (its address is the launch's own). */
	private void openMyCredentials() {
		openActivityAs(LEARNER);
		String workspace = (String) ((JavascriptExecutor) browser).executeScript("return window.location.href;");
		String mine = workspace.replaceFirst("/workspace.*$", "/credentials/mine");
		assertThat(mine).contains("/launches/").endsWith("/credentials/mine");
		((JavascriptExecutor) browser).executeScript("window.location.assign(arguments[0]);", mine);
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("mine-title")));
	}

	private void enterToolFrame() {
		browser.switchTo().defaultContent();
		browser.switchTo()
			.frame(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("iframe.launch-frame"))));
	}

	/** Fetches a link the way the page would download it, with the page's own session. */
	private String fetch(String url) {
		return (String) ((JavascriptExecutor) browser).executeAsyncScript(
				"const done = arguments[arguments.length - 1];"
						+ "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done('ERROR ' + e));",
				url);
	}

	private void type(String name, String value) {
		((JavascriptExecutor) browser).executeScript(
				"arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
				browser.findElement(By.name(name)), value);
	}

	private void click(WebElement element) {
		((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
		element.click();
	}

	private void press(String action) {
		WebElement button = browser.findElement(By.cssSelector("button[name='action'][value='" + action + "']"));
		button.click();
		wait.until(ExpectedConditions.stalenessOf(button));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
	}

	/** Clicks a form's button and waits for the page that answers. */
	private void submit(WebElement button) {
		click(button);
		wait.until(ExpectedConditions.stalenessOf(button));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
	}

	private static Path pdf() throws IOException {
		Path file = files.resolve("survey.pdf");
		Files.writeString(file, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
				StandardCharsets.US_ASCII);
		return file;
	}
}
