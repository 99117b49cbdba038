package org.proofwork.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs Deque's axe-core in the page (or frame) the browser is in and fails on any WCAG 2.1 A or AA violation, with
 * the rule, its help text and the offending elements, so a failure says what to fix. Only the current browsing
 * context is checked: inside the demo LMS that is the tool's iframe, which is Proofwork's page.
 */
public final class Accessibility {

	/** The WCAG 2.0 and 2.1 level A and AA rules; axe's best practices are advice, not failures. */
	static final List<String> STANDARDS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	private static final String AXE = load();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Accessibility() {
	}

	/**
	 * @param page what the page is, for the failure message
	 */
	public static void assertNoViolations(WebDriver browser, String page) {
		JavascriptExecutor js = (JavascriptExecutor) browser;
		if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
			js.executeScript(AXE);
		}
		Object result = js.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
				  .then(results => done(JSON.stringify(results.violations)))
				  .catch(error => done(JSON.stringify({ error: String(error) })));
				""", STANDARDS);
		JsonNode violations = JSON.readTree(String.valueOf(result));
		if (violations.has("error")) {
			fail("axe-core could not check %s: %s", page, violations.path("error").asString());
		}
		if (!violations.isEmpty()) {
			fail("%s has %d accessibility violation(s) (WCAG 2.1 A/AA, axe-core):%n%s", page, violations.size(),
					describe(violations));
		}
	}

	private static String describe(JsonNode violations) {
		StringBuilder text = new StringBuilder();
		for (JsonNode violation : violations) {
			text.append("- ").append(violation.path("id").asString()).append(" (")
				.append(violation.path("impact").asString()).append("): ").append(violation.path("help").asString())
				.append(" ").append(violation.path("helpUrl").asString()).append('\n');
			for (JsonNode node : violation.path("nodes")) {
				text.append("    ").append(node.path("target").toString()).append(' ')
					.append(abbreviate(node.path("html").asString())).append('\n');
				text.append("      ").append(abbreviate(node.path("failureSummary").asString().replace('\n', ' ')))
					.append('\n');
			}
		}
		return text.toString();
	}

	private static String abbreviate(String text) {
		return text.length() <= 300 ? text : text.substring(0, 300) + "…";
	}

	private static String load() {
		try (InputStream in = Accessibility.class.getResourceAsStream("/axe.min.js")) {
			if (in == null) {
				throw new IllegalStateException("axe.min.js is not on the test class path (com.deque.html.axe-core)");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
