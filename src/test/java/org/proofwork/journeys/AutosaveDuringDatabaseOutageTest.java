package org.proofwork.journeys;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.proofwork.ProofworkApplication;
import org.proofwork.testing.Browser;
import org.proofwork.testing.PrivateMariaDb;
import org.proofwork.testing.RequiresChromium;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an educator sees when the database goes away while they write (bench/drills/README.md, "MariaDB restart"):
 * the autosave says the text was not saved, keeps it in the browser, and saves it by itself once the database is
 * back. The tool runs on the {@code mysql} profile (with the demo LMS of {@code dev}) against a MariaDB server of the
 * test's own, which it stops and starts. Not part of the build (it waits out the 30 s retry):
 * {@code ./mvnw -q -B test -Dtest=AutosaveDuringDatabaseOutageTest -Dbench=true}.
 */
@RequiresChromium
@EnabledIfSystemProperty(named = "bench", matches = "true")
class AutosaveDuringDatabaseOutageTest {

	static final String CREDENTIAL = "Community Partnerships for Learning and Family Well-Being";

	static final String TEXT = "Written while the database restarts";

	@Test
	void theAutosaveSaysNotSavedKeepsTheTextAndSavesItWhenTheDatabaseIsBack() throws Exception {
		try (PrivateMariaDb db = PrivateMariaDb.create()) {
			int port = freePort();
			String base = "http://localhost:" + port;
			ConfigurableApplicationContext tool = new SpringApplicationBuilder(ProofworkApplication.class)
				.profiles("dev", "mysql")
				.run("--server.port=" + port, "--proofwork.base-url=" + base,
						"--proofwork.keys.master-key=" + Base64.getEncoder().encodeToString(randomBytes()),
						"--proofwork.data-dir=target/autosave-outage", "--MYSQL_HOST=" + PrivateMariaDb.HOST,
						"--MYSQL_PORT=" + db.port(), "--MYSQL_DATABASE=proofwork_autosave_outage",
						"--MYSQL_USER=" + PrivateMariaDb.USER, "--MYSQL_PASSWORD=" + PrivateMariaDb.PASSWORD);
			WebDriver browser = Browser.start();
			try {
				DemoLms lms = new DemoLms(browser, base);
				lms.registerTool();
				lms.placeCredential("community-partnerships-for-learning-and-family-well-being", CREDENTIAL);
				lms.openActivityAs(DemoLms.LEARNER, CREDENTIAL);
				lms.openSection("Part 1. Overview Questions (Provides Context)");

				((JavascriptExecutor) browser).executeScript("window.__answers = []; var f = window.fetch;"
						+ " window.fetch = function () { return f.apply(this, arguments).then(function (r) {"
						+ " window.__answers.push(r.status + ' ' + r.type + ' ' + r.headers.get('Content-Type')); return r; },"
						+ " function (e) { window.__answers.push('error ' + e); throw e; }); };");
				db.stop();
				lms.fill("prompt.why-this-micro-credential", TEXT);
				WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
				try {
					wait.until(driver -> status(driver).startsWith("Not saved: Proofwork cannot be reached right now."));
				}
				catch (org.openqa.selenium.TimeoutException ex) {
					throw new AssertionError("autosave status: '" + status(browser) + "', answers "
							+ ((JavascriptExecutor) browser).executeScript("return window.__answers;") + " on " + browser.getCurrentUrl()
							+ "; textarea: " + browser.findElement(By.name("prompt.why-this-micro-credential"))
								.getAttribute("value"), ex);
				}
				assertThat(status(browser)).contains("Your text is kept in this browser");
				Object kept = ((JavascriptExecutor) browser).executeScript(
						"return localStorage.getItem('proofwork:' + document.querySelector('form[data-autosave]').dataset.storageKey);");
				assertThat(String.valueOf(kept)).contains(TEXT);

				db.start();
				new WebDriverWait(browser, Duration.ofSeconds(60))
					.until(driver -> status(driver).startsWith("Saved at"));
				try (Connection connection = db.connect("proofwork_autosave_outage");
						Statement statement = connection.createStatement();
						ResultSet row = statement.executeQuery("SELECT draft FROM workspace")) {
					assertThat(row.next()).isTrue();
					assertThat(row.getString("draft")).contains(TEXT);
				}
				assertThat(((JavascriptExecutor) browser).executeScript(
						"return localStorage.getItem('proofwork:' + document.querySelector('form[data-autosave]').dataset.storageKey);"))
					.as("the browser's copy is dropped once saved")
					.isNull();
			}
			finally {
				browser.quit();
				tool.close();
			}
		}
	}

	private static String status(WebDriver browser) {
		return browser.findElement(By.cssSelector(".autosave-status")).getText();
	}

	private static int freePort() throws java.io.IOException {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[32];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}
}
