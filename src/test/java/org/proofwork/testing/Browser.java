package org.proofwork.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's packages, with the binary and driver named explicitly so Selenium never tries to
 * download a browser (this machine reaches no such site).
 */
public final class Browser {

	public static final Path CHROMIUM = Path.of(env("PROOFWORK_TEST_CHROMIUM", "/usr/bin/chromium"));

	public static final Path CHROMEDRIVER = Path.of(env("PROOFWORK_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

	private Browser() {
	}

	public static WebDriver start() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toString());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--window-size=1280,1000");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

	static final class Condition implements BeforeAllCallback {

		@Override
		public void beforeAll(ExtensionContext context) {
			if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
				ExternalRequirement.missing("Chromium", CHROMIUM + " or " + CHROMEDRIVER
						+ " not found; install Debian's chromium and chromium-driver");
			}
		}
	}
}
