package org.proofwork.journeys;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.proofwork.testing.Accessibility;
import org.proofwork.testing.Browser;
import org.proofwork.testing.DemoApplication;
import org.proofwork.testing.RequiresChromium;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An educator completes the Community Partnerships credential inside the demo LMS, with a photo essay of ten
 * photos, and submits it.
 */
@RequiresChromium
class EducatorJourneyTest {

	static final String CREDENTIAL = "Community Partnerships for Learning and Family Well-Being";

	static final Path FIXTURES = Path.of("..", "shared", "fixtures", "photo-essay");

	static DemoApplication app;

	static WebDriver browser;

	@TempDir
	static Path files;

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
	void completesTheCommunityPartnershipsCredentialAndTheAssessorsPassReachesTheGradebook() throws IOException {
		DemoLms lms = new DemoLms(browser, app.base);
		lms.registerTool();
		lms.placeCredential("community-partnerships-for-learning-and-family-well-being", CREDENTIAL);
		lms.openActivityAs(DemoLms.LEARNER, CREDENTIAL);
		assertThat(browser.getPageSource()).contains("Draft: not submitted yet.");
		Accessibility.assertNoViolations(browser, "the educator's workspace overview");

		lms.openSection("Part 1. Overview Questions (Provides Context)");
		lms.fill("prompt.why-this-micro-credential", words("goals", 110));
		lms.fill("prompt.classroom-demographics", words("classroom", 100));
		lms.fill("prompt.community-partners-enrich", words("partners", 100));
		assertThat(browser.findElement(By.cssSelector(".word-count")).getText()).startsWith("310 words");
		Accessibility.assertNoViolations(browser, "a section with prompts");
		lms.press("save");
		lms.backToOverview();

		lms.openSection("Artifact 1: Needs Assessment");
		lms.fill("item.administration.0.created-with-community-partner", "yes");
		lms.fill("item.administration.0.families-sent-to", "40");
		lms.fill("item.administration.0.responses-returned", "34");
		lms.press("save");
		upload("upload-survey-document-input", List.of(pdf("survey.pdf")));
		assertThat(browser.getPageSource()).contains("85% – in the range the rubric calls proficient");
		Accessibility.assertNoViolations(browser, "an artifact with an upload and checks");
		lms.backToOverview();

		lms.openSection("Artifact 2: Community Map and Analysis");
		for (int i = 0; i < 5; i++) {
			lms.fill("item.assets." + i + ".name", "Asset " + (i + 1));
			lms.fill("item.assets." + i + ".type", "Service");
			lms.fill("item.assets." + i + ".description", "What asset " + (i + 1) + " offers families.");
			lms.fill("item.assets." + i + ".contact-person", "Coordinator " + (i + 1));
			lms.fill("item.assets." + i + ".contact-address", (i + 10) + " Main Street");
			lms.fill("item.assets." + i + ".benefit", "Helps the school community with " + (i + 1) + ".");
			lms.press(i < 4 ? "add-item:assets" : "save");
		}
		assertThat(browser.findElements(By.cssSelector(".map-diagram .asset"))).hasSize(5);
		Accessibility.assertNoViolations(browser, "the community asset map");
		lms.backToOverview();

		lms.openSection("Artifact 3: Action Plan");
		String[] roles = { "Parent", "Counselor", "Librarian" };
		for (int i = 0; i < 3; i++) {
			lms.fill("item.stakeholders." + i + ".role", roles[i]);
			lms.fill("item.stakeholders." + i + ".gender", i % 2 == 0 ? "Female" : "Male");
			lms.fill("item.stakeholders." + i + ".ethnicity", "Not stated");
			lms.fill("item.stakeholders." + i + ".community-partner", i == 2 ? "yes" : "no");
			lms.press(i < 2 ? "add-item:stakeholders" : "save");
		}
		lms.fill("item.stakeholders.2.asset", "0");
		lms.fill("item.project.0.purpose", "Families asked for help with reading at home.");
		lms.fill("item.project.0.goals", "Twenty families join four reading evenings.");
		lms.fill("item.project.0.description", "Reading evenings at the library with the school.");
		lms.fill("item.tasks.0.task", "Book the library room");
		lms.fill("item.tasks.0.responsible", "0");
		lms.fill("item.tasks.0.due-on", "2026-09-14");
		lms.fill("item.timeline.0.starts-on", "2026-09-07");
		lms.fill("item.timeline.0.ends-on", "2026-10-16");
		lms.press("save");
		assertThat(browser.getPageSource()).contains("6 week(s); 5 to 8 expected");
		Accessibility.assertNoViolations(browser, "the action plan");
		lms.backToOverview();

		lms.openSection("Artifact 4: Photo Essay");
		List<Path> photos = photos();
		upload("bulk-photos-image", photos);
		String[] phases = { "needs-assessment", "community-mapping", "action-planning", "event" };
		for (int i = 0; i < 10; i++) {
			lms.fill("item.photos." + i + ".description", "What photo " + (i + 1) + " shows.");
			lms.fill("item.photos." + i + ".phase", phases[Math.min(3, i * 4 / 10)]);
			if (!Files.exists(FIXTURES)) {
				lms.fill("item.photos." + i + ".taken-on", LocalDate.of(2026, 9, 7).plusDays(4L * i).toString());
			}
		}
		lms.press("save");
		assertThat(browser.findElements(By.cssSelector(".timeline li"))).hasSize(10);
		assertThat(browser.getPageSource()).contains("Photos cover every phase of the project").contains("every kind is covered");
		Accessibility.assertNoViolations(browser, "the photo essay");
		lms.backToOverview();

		lms.openSection("Part 3 Reflection");
		browser.findElements(By.cssSelector("textarea[data-words]"))
			.forEach(area -> lms.fill(area.getAttribute("name"), words("reflection", 55)));
		lms.press("save");
		lms.backToOverview();

		browser.findElement(By.linkText("Review and submit")).click();
		lms.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm")));
		Accessibility.assertNoViolations(browser, "review and submit");
		browser.findElement(By.id("confirm")).click();
		browser.findElement(By.cssSelector("button.primary")).click();

		lms.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("overview-title")));
		assertThat(browser.getPageSource()).contains("Version 1 is submitted")
			.contains("Submitted: waiting for an assessor.");
		Accessibility.assertNoViolations(browser, "the submitted workspace");

		// The instructor reviews it blind, scores every component and decides: the demo LMS gradebook shows the pass.
		lms.openActivityAs(DemoLms.INSTRUCTOR, CREDENTIAL);
		lms.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-title")));
		assertThat(browser.getPageSource()).doesNotContain("Lee Learner");
		Accessibility.assertNoViolations(browser, "the review queue");
		browser.findElement(By.cssSelector("th[scope=row] a")).click();
		lms.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rubric")));
		assertThat(browser.getPageSource()).doesNotContain("Lee Learner");
		Accessibility.assertNoViolations(browser, "the review page");
		for (String component : List.of("part-1", "part-3")) {
			lms.fill("level." + component, "pass");
		}
		for (String component : List.of("needs-assessment", "community-asset-map", "action-plan", "photo-essay")) {
			lms.fill("level." + component, "proficient");
		}
		lms.fill("overall", "A thorough partnership project.");
		browser.findElement(By.cssSelector("button[name='action'][value='decide']")).click();
		lms.wait.until(driver -> driver.getPageSource().contains("Earned"));
		Accessibility.assertNoViolations(browser, "the decided review");

		browser.switchTo().defaultContent();
		lms.wait.until(driver -> {
			driver.get(app.base + "/dev/lms/gradebook?as=" + DemoLms.INSTRUCTOR);
			return driver.getPageSource().contains("Grading: FullyGraded");
		});
		assertThat(browser.getPageSource()).contains("A thorough partnership project.");
	}

	private void upload(String inputId, List<Path> paths) throws IOException {
		List<String> names = new ArrayList<>();
		for (Path path : paths) {
			names.add(path.toRealPath().toString());
		}
		browser.findElement(By.id(inputId)).sendKeys(String.join("\n", names));
		new DemoLms(browser, app.base).wait.until(ExpectedConditions.stalenessOf(browser.findElement(By.id("section-form"))));
		new DemoLms(browser, app.base).wait.until(ExpectedConditions.presenceOfElementLocated(By.id("section-form")));
	}

	private static List<Path> photos() throws IOException {
		List<Path> photos = new ArrayList<>();
		if (Files.exists(FIXTURES)) {
			for (int i = 1; i <= 10; i++) {
				photos.add(FIXTURES.resolve(String.format("photo-%02d.jpg", i)));
			}
			return photos;
		}
		for (int i = 1; i <= 10; i++) {
			Path photo = files.resolve("photo-" + i + ".jpg");
			BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
			image.getGraphics().drawString("Photo " + i, 20, 20);
			ImageIO.write(image, "jpg", photo.toFile());
			photos.add(photo);
		}
		return photos;
	}

	private static Path pdf(String name) throws IOException {
		Path file = files.resolve(name);
		Files.writeString(file, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
				StandardCharsets.US_ASCII);
		return file;
	}

	private static String words(String word, int count) {
		return String.join(" ", Collections.nCopies(count, word));
	}
}
