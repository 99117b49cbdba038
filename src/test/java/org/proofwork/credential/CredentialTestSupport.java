package org.proofwork.credential;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.RubricComponent;
import org.proofwork.lti.CourseKey;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.review.DecisionRecorded;
import org.proofwork.submission.GradeTarget;
import org.proofwork.submission.Workspaces;
import org.proofwork.testing.ControlledClock;
import org.proofwork.testing.LaunchFlow;
import org.proofwork.testing.LaunchFlow.Launched;
import org.proofwork.testing.MutableClock;
import org.proofwork.testing.TestPlatform;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

/**
 * The tool with an issuing organisation, credits and two university partners configured, a test platform, and the
 * way to an earned credential the module sees in production: an educator launches, uploads a file, submits, and an
 * Earned decision is published in a transaction (as the review module does), which the listener turns into
 * credentials. Every test class extending it shares one application context.
 */
@SpringBootTest(properties = { "proofwork.data-dir=target/credential-test/${random.uuid}",
		"proofwork.credential.issuer.name=Example University Micro-credentials",
		"proofwork.credential.issuer.url=https://micro.example.edu",
		"proofwork.credential.issuer.email=credentials@example.edu",
		"proofwork.credential.issuer.description=Evidence-based micro-credentials for educators.",
		"proofwork.credential.credits-available.community-partnerships-for-learning-and-family-well-being=3",
		"proofwork.credential.partners[0].id=north",
		"proofwork.credential.partners[0].name=North State University",
		"proofwork.credential.partners[0].credits-per-credential.community-partnerships-for-learning-and-family-well-being=3",
		"proofwork.credential.partners[0].instructions=Enrol as a non-degree student first.",
		"proofwork.credential.partners[0].contact=registrar@north.example.edu",
		"proofwork.credential.partners[0].reviewer-username=north-reviewer",
		"proofwork.credential.partners[0].reviewer-password={noop}north-secret",
		"proofwork.credential.partners[1].id=south",
		"proofwork.credential.partners[1].name=South College",
		"proofwork.credential.partners[1].reviewer-username=south-reviewer",
		"proofwork.credential.partners[1].reviewer-password={noop}south-secret" })
@AutoConfigureMockMvc
@Import(ControlledClock.class)
abstract class CredentialTestSupport {

	static final String COMMUNITY = "community-partnerships-for-learning-and-family-well-being";

	static final String BASE = "http://localhost:8080";

	private static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";

	static final TestPlatform platform = new TestPlatform(Clock.systemUTC());

	/** A small PDF; its bytes (and so its hash) differ per test through the marker. */
	static byte[] pdf(String marker) {
		return ("%PDF-1.4\n% " + marker + "\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	PlatformRegistry registry;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Workspaces workspaces;

	@Autowired
	CredentialCatalog catalog;

	@Autowired
	IssuedCredentials credentials;

	@Autowired
	MutableClock clock;

	/**
	 * The tool's clock stands still unless a test moves it, while the test platform signs id_tokens at the real time:
	 * every test starts with the tool's clock at the real time, so launches are never refused as from the future.
	 */
	@BeforeEach
	void registerPlatform() {
		clock.advance(Duration.between(clock.instant(), java.time.Instant.now()));
		registry.register(platform.details(), Platform.Source.ADMIN);
	}

	/** Somebody in a course, as the launch claims name them. */
	record Person(String subject, String name, String email) {

		static Person educator(String name) {
			String subject = "educator-" + UUID.randomUUID();
			return new Person(subject, name, subject + "@school.example");
		}
	}

	/** A course and a link in it with a credential placed. */
	record Place(String course, String link, String credential) {

		static Place community() {
			return new Place("course-" + UUID.randomUUID(), "link-cp", COMMUNITY);
		}
	}

	/** An earned credential and what led to it. */
	record Earned(IssuedCredential credential, Launched educator, byte[] file, DecisionRecorded decision) {
	}

	Launched launch(String role, Person person, Place place) throws Exception {
		return launch(role, person, place, Map.of("credential", place.credential()));
	}

	Launched launch(String role, Person person, Place place, Map<String, String> custom) throws Exception {
		return new LaunchFlow(mvc, platform, BASE + "/lti/launch").launch(role,
				claims -> claims.subject(person.subject())
					.claim("name", person.name())
					.claim("email", person.email())
					.claim(LTI + "roles", List.of("http://purl.imsglobal.org/vocab/lis/v2/membership#" + role))
					.claim(LTI + "context", Map.of("id", place.course(), "title", "Course " + place.course(), "label",
							place.course(), "type", List.of("CourseSection")))
					.claim(LTI + "resource_link", Map.of("id", place.link(), "title", "Credential link"))
					.claim(LTI + "custom", custom));
	}

	/** The educator submits a file and an answer, and the assessors decide Earned with every best level. */
	Earned earn(Person educator, Place place) throws Exception {
		Launched me = launch("Learner", educator, place);
		byte[] file = pdf(UUID.randomUUID().toString());
		String workspaceId = submitWithFile(me, educator, place, file);
		DecisionRecorded decision = decide(place, workspaceId, List.of(educator.subject()), bestLevels(place.credential()));
		return new Earned(awaitCredential(decision, educator.subject()), me, file, decision);
	}

	String submitWithFile(Launched me, Person educator, Place place, byte[] file) throws Exception {
		expect(200, mvc.perform(me.get("/workspace")).andReturn().getResponse());
		expect(302, mvc.perform(multipart(me.page() + "/workspace/sections/needs-assessment/files")
			.file(new MockMultipartFile("file", "Family survey.pdf", "application/pdf", file))
			.param("slot", "survey-document")
			.cookie(me.session())
			.with(csrf())).andReturn().getResponse());
		expect(302, mvc.perform(me.post("/workspace/sections/part-1")
			.param("revision", String.valueOf(revision(educator, place)))
			.param("prompt.why-this-micro-credential", "To grow family partnerships in my school.")
			.with(csrf())).andReturn().getResponse());
		expect(302, mvc.perform(me.post("/workspace/submit")
			.param("revision", String.valueOf(revision(educator, place)))
			.param("confirm", "true")
			.with(csrf())).andReturn().getResponse());
		return jdbc.sql("SELECT id FROM workspace WHERE owner_subject = :subject AND context_id = :course")
			.param("subject", educator.subject())
			.param("course", place.course())
			.query(String.class)
			.single();
	}

	/** What the review module does on a decision: the workspace learns it, and the event is published, in one go. */
	DecisionRecorded decide(Place place, String workspaceId, List<String> members, Map<String, String> levels) {
		CourseKey course = course(place);
		boolean earned = catalog.find(place.credential()).orElseThrow().decide(levels).isEarned();
		DecisionRecorded decision = new DecisionRecorded(UUID.randomUUID().toString(), workspaceId, 1,
				earned ? DecisionRecorded.Outcome.EARNED : DecisionRecorded.Outcome.NOT_YET, "Well evidenced.",
				course.registrationId(), course.deploymentId(), course.contextId(), place.link(), place.credential(),
				members, levels, new GradeTarget("moodle", null, null, null, "Credential link"), clock.instant());
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			workspaces.decided(course, workspaceId, 1, earned);
			events.publishEvent(decision);
		});
		return decision;
	}

	IssuedCredential awaitCredential(DecisionRecorded decision, String subject) {
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> credentials.exists(decision.decisionId(), subject));
		return credentials.of(new org.proofwork.lti.PersonKey(decision.registrationId(), subject))
			.stream()
			.filter(credential -> credential.decisionId().equals(decision.decisionId()))
			.findFirst()
			.orElseThrow();
	}

	Map<String, String> bestLevels(String credentialId) {
		Map<String, String> levels = new LinkedHashMap<>();
		for (RubricComponent component : catalog.find(credentialId).orElseThrow().rubric().components()) {
			levels.put(component.id(), component.levels().get(0).id());
		}
		return levels;
	}

	CourseKey course(Place place) {
		return new CourseKey(registry.find(platform.issuer, TestPlatform.CLIENT_ID).orElseThrow().id(),
				TestPlatform.DEPLOYMENT_ID, place.course());
	}

	private int revision(Person educator, Place place) {
		return jdbc.sql("SELECT draft_revision FROM workspace WHERE owner_subject = :subject AND context_id = :course")
			.param("subject", educator.subject())
			.param("course", place.course())
			.query(Integer.class)
			.single();
	}

	static MockHttpServletResponse expect(int status, MockHttpServletResponse response) throws Exception {
		if (response.getStatus() != status) {
			throw new AssertionError("expected " + status + " but got " + response.getStatus() + " "
					+ response.getRedirectedUrl() + ": " + response.getContentAsString());
		}
		return response;
	}
}
