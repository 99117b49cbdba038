package org.proofwork.journeys;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.proofwork.testing.Browser;
import org.proofwork.testing.DemoApplication;
import org.proofwork.testing.RequiresChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The section page's autosave in a real browser, without pressing Save: what it saves reaches the server, and a save
 * after it refers to the same items rather than adding them again. The browser's own copy of the text is cleared
 * before each reload, so only what the server stored can come back.
 */
@RequiresChromium
class AutosaveJourneyTest {

	static final String CREDENTIAL = "Community Partnerships for Learning and Family Well-Being";

	static DemoApplication app;

	static WebDriver browser;

	static DemoLms lms;

	@TempDir
	static Path files;

	@BeforeAll
	static void start() {
		app = new DemoApplication();
		browser = Browser.start();
		lms = new DemoLms(browser, app.base);
		lms.registerTool();
		lms.placeCredential("community-partnerships-for-learning-and-family-well-being", CREDENTIAL);
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
	void textTypedIntoAPromptIsSavedWithoutPressingSave() {
		lms.openActivityAs(DemoLms.LEARNER, CREDENTIAL);
		lms.openSection("Part 1. Overview Questions (Provides Context)");

		lms.fill("prompt.classroom-demographics", "Autosaved, never submitted by hand.");
		waitForAutosave();
		reloadWithoutTheBrowsersCopy();

		assertThat(browser.findElement(By.name("prompt.classroom-demographics")).getAttribute("value"))
			.isEqualTo("Autosaved, never submitted by hand.");
	}

	@Test
	void anItemFirstStoredByTheAutosaveStaysOneItemWhenSaveIsPressed() {
		lms.openActivityAs(DemoLms.LEARNER, CREDENTIAL);
		lms.openSection("Artifact 2: Community Map and Analysis");

		lms.fill("item.assets.0.name", "Library");
		waitForAutosave();
		String key = browser.findElement(By.name("item.assets.0._key")).getAttribute("value");
		assertThat(key).as("the page learns the key the server gave the new item").isNotBlank();
		lms.fill("item.assets.0.type", "Service");
		lms.press("save");

		assertThat(browser.findElements(By.cssSelector("#assets .item"))).hasSize(1);
		assertThat(browser.findElement(By.name("item.assets.0._key")).getAttribute("value")).isEqualTo(key);
		assertThat(browser.findElement(By.name("item.assets.0.name")).getAttribute("value")).isEqualTo("Library");
		assertThat(browser.findElement(By.name("item.assets.0.type")).getAttribute("value")).isEqualTo("Service");
	}

	@Test
	void photosUploadedInBulkThenAutosavedAndSavedMakeOneItemEach() throws IOException {
		lms.openActivityAs(DemoLms.LEARNER, CREDENTIAL);
		lms.openSection("Artifact 4: Photo Essay");

		List<String> names = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			Path photo = files.resolve("photo-" + i + ".jpg");
			BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
			image.getGraphics().drawString("Photo " + i, 10, 20);
			ImageIO.write(image, "jpg", photo.toFile());
			names.add(photo.toRealPath().toString());
		}
		org.openqa.selenium.WebElement before = browser.findElement(By.id("section-form"));
		browser.findElement(By.id("bulk-photos-image")).sendKeys(String.join("\n", names));
		lms.wait.until(ExpectedConditions.stalenessOf(before));
		lms.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("section-form")));
		assertThat(browser.findElements(By.cssSelector("#photos .item"))).as("one item per photo").hasSize(3);

		for (int i = 0; i < 3; i++) {
			lms.fill("item.photos." + i + ".description", "What photo " + (i + 1) + " shows.");
		}
		waitForAutosave();
		lms.press("save");

		assertThat(browser.findElements(By.cssSelector("#photos .item"))).hasSize(3);
		assertThat(browser.findElements(By.cssSelector(".timeline li"))).hasSize(3);
		reloadWithoutTheBrowsersCopy();
		assertThat(browser.findElement(By.name("item.photos.2.description")).getAttribute("value"))
			.isEqualTo("What photo 3 shows.");
	}

	/** Waits until the page says the autosave stored the form (its revision moves on). */
	private static void waitForAutosave() {
		lms.wait.until(driver -> {
			String status = driver.findElement(By.cssSelector(".autosave-status")).getText();
			if (status.startsWith("Not saved")) {
				throw new AssertionError("autosave failed: " + status);
			}
			return status.startsWith("Saved at");
		});
	}

	private static void reloadWithoutTheBrowsersCopy() {
		org.openqa.selenium.WebElement before = browser.findElement(By.id("section-form"));
		((JavascriptExecutor) browser).executeScript("localStorage.clear(); location.reload();");
		lms.wait.until(ExpectedConditions.stalenessOf(before));
		lms.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("section-form")));
	}
}
