package org.proofwork.submission;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofwork.lti.CourseKey;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.testing.LaunchFlow;
import org.proofwork.testing.LaunchFlow.Launched;
import org.proofwork.testing.TestPlatform;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The educator's workspace behind a real launch: drafts, conflicts, submitting, versions.
 */
@org.junit.jupiter.api.Tag("persistence")
@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class WorkspaceTest {

	static final String COMMUNITY = "community-partnerships-for-learning-and-family-well-being";

	private static final TestPlatform platform = new TestPlatform(java.time.Clock.systemUTC());

	@Autowired
	MockMvc mvc;

	@Autowired
	PlatformRegistry registry;

	@Autowired
	Workspaces workspaces;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	LaunchFlow flow;

	@BeforeEach
	void register() {
		registry.register(platform.details(), Platform.Source.ADMIN);
		flow = new LaunchFlow(mvc, platform, "http://localhost:8080/lti/launch");
	}

	Launched learner(String subject, String link) throws Exception {
		return flow.launch("Learner", claims -> claims.subject(subject)
			.claim("https://purl.imsglobal.org/spec/lti/claim/resource_link", Map.of("id", link, "title", "CP")));
	}

	@Test
	void anEducatorsLaunchOpensTheirWorkspaceForTheCredentialOnTheLink() throws Exception {
		Launched me = learner("ws-user-1", "link-overview");

		MockHttpServletResponse landing = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get(me.page()).cookie(me.session())).andReturn().getResponse();
		assertThat(landing.getRedirectedUrl()).isEqualTo(me.page() + "/workspace");

		String overview = mvc.perform(me.get("/workspace")).andReturn().getResponse().getContentAsString();
		assertThat(overview).contains("Community Partnerships for Learning and Family Well-Being")
			.contains("Artifact 4: Photo Essay")
			.contains("Draft: not submitted yet.");
	}

	@Test
	void aSaveFromAnOutdatedPageIsRefusedAndKeepsWhatWasTyped() throws Exception {
		Launched me = learner("ws-user-2", "link-conflict");
		mvc.perform(me.get("/workspace"));

		MockHttpServletResponse first = mvc.perform(me.post("/workspace/sections/part-1")
			.param("revision", "0")
			.param("prompt.why-this-micro-credential", "From the first tab")
			.with(csrf())).andReturn().getResponse();
		assertThat(first.getStatus()).isEqualTo(302);

		String second = mvc.perform(me.post("/workspace/sections/part-1")
			.param("revision", "0")
			.param("prompt.why-this-micro-credential", "From the second tab")
			.with(csrf())).andReturn().getResponse().getContentAsString();

		assertThat(second).contains("Not saved: a newer version").contains("From the second tab")
			.contains("From the first tab");
		assertThat(stored("ws-user-2")).contains("From the first tab").doesNotContain("From the second tab");
	}

	@Test
	void autosaveAnswersJsonAndAConflictAs409() throws Exception {
		Launched me = learner("ws-user-3", "link-autosave");
		mvc.perform(me.get("/workspace"));

		MockHttpServletResponse saved = mvc.perform(me.post("/workspace/sections/part-1")
			.header("Accept", "application/json")
			.param("revision", "0")
			.param("prompt.why-this-micro-credential", ChecksTest.words(12))
			.with(csrf())).andReturn().getResponse();
		MockHttpServletResponse stale = mvc.perform(me.post("/workspace/sections/part-1")
			.header("Accept", "application/json")
			.param("revision", "0")
			.param("prompt.why-this-micro-credential", "stale")
			.with(csrf())).andReturn().getResponse();

		assertThat(saved.getStatus()).isEqualTo(200);
		assertThat(saved.getContentAsString()).contains("\"revision\":1").contains("\"words\":12");
		assertThat(stale.getStatus()).isEqualTo(409);
	}

	@Test
	void submittingFreezesAVersionAndAfterNotYetTheNextVersionIsSubmittedAndBothStayReadable() throws Exception {
		Launched me = learner("ws-user-4", "link-versions");
		mvc.perform(me.get("/workspace"));
		mvc.perform(me.post("/workspace/sections/part-1").param("revision", "0")
			.param("prompt.why-this-micro-credential", "First answer").with(csrf()));

		MockHttpServletResponse unconfirmed = mvc.perform(me.post("/workspace/submit").param("revision", "1").with(csrf()))
			.andReturn().getResponse();
		assertThat(unconfirmed.getRedirectedUrl()).endsWith("/workspace/submit");

		mvc.perform(me.post("/workspace/submit").param("revision", "1").param("confirm", "true").with(csrf()));
		assertThat(events.stream(SubmissionSubmitted.class)).singleElement()
			.satisfies(event -> {
				assertThat(event.version()).isEqualTo(1);
				assertThat(event.memberSubjects()).containsExactly("ws-user-4");
				assertThat(event.gradeTarget().lineItem()).isNotNull();
			});
		MockHttpServletResponse locked = mvc.perform(me.post("/workspace/sections/part-1").param("revision", "1")
			.param("prompt.why-this-micro-credential", "Changed after submit").with(csrf())).andReturn().getResponse();
		assertThat(locked.getStatus()).isEqualTo(409);

		String workspaceId = jdbc.sql("SELECT id FROM workspace WHERE owner_subject = 'ws-user-4'").query(String.class)
			.single();
		CourseKey course = new CourseKey(registry.find(platform.issuer, TestPlatform.CLIENT_ID).orElseThrow().id(),
				TestPlatform.DEPLOYMENT_ID, "course-42");
		workspaces.decided(course, workspaceId, 1, false);

		mvc.perform(me.post("/workspace/sections/part-1").param("revision", revision("ws-user-4"))
			.param("prompt.why-this-micro-credential", "Revised answer").with(csrf()));
		mvc.perform(me.post("/workspace/submit").param("revision", revision("ws-user-4")).param("confirm", "true")
			.with(csrf()));

		assertThat(workspaces.versions(course, workspaceId)).extracting(SubmittedVersion::number).containsExactly(1, 2);
		assertThat(mvc.perform(me.get("/workspace/versions/1")).andReturn().getResponse().getContentAsString())
			.contains("First answer").doesNotContain("Revised answer");
		assertThat(mvc.perform(me.get("/workspace/versions/2")).andReturn().getResponse().getContentAsString())
			.contains("Revised answer");
	}

	@Test
	void reviewBeforeSubmitHighlightsIdentifyingPassages() throws Exception {
		Launched me = learner("ws-user-5", "link-deid");
		mvc.perform(me.get("/workspace"));
		mvc.perform(me.post("/workspace/sections/part-1").param("revision", "0")
			.param("prompt.why-this-micro-credential", "Write to me at teacher@school.org please").with(csrf()));

		String page = mvc.perform(me.get("/workspace/submit")).andReturn().getResponse().getContentAsString();

		assertThat(page).contains("<mark>teacher@school.org</mark>").contains("an email address");
	}

	@Test
	void addingAnItemKeepsTheOthersAndRemovingOneDropsOnlyIt() throws Exception {
		Launched me = learner("ws-user-6", "link-items");
		mvc.perform(me.get("/workspace"));
		mvc.perform(me.post("/workspace/sections/community-asset-map").param("revision", "0")
			.param("item.assets.0.name", "Library").param("action", "add-item:assets").with(csrf()));
		// The page shows the added item with its key, as it does every stored item.
		List<Answers.Item> added = Workspaces.read(storedDraft("ws-user-6")).section("community-asset-map")
			.items("assets");
		String key = added.get(0).key();
		String addedKey = added.get(1).key();
		mvc.perform(me.post("/workspace/sections/community-asset-map").param("revision", "1")
			.param("item.assets.0._key", key).param("item.assets.0.name", "Library")
			.param("item.assets.1._key", addedKey).param("item.assets.1.name", "Food bank").with(csrf()));
		mvc.perform(me.post("/workspace/sections/community-asset-map").param("revision", "2")
			.param("item.assets.0._key", key).param("item.assets.0.name", "Library")
			.param("item.assets.1._key", addedKey).param("item.assets.1.name", "Food bank")
			.param("action", "remove-item:assets:0").with(csrf()));

		List<Answers.Item> assets = Workspaces.read(storedDraft("ws-user-6")).section("community-asset-map")
			.items("assets");
		assertThat(assets).extracting(item -> item.value("name")).containsExactly("Food bank");
	}

	/**
	 * The page shows one empty item when a group has none, with no key. An autosave stores it under a key the server
	 * makes: the answer names that key, so the page's next save refers to the same item instead of a new one.
	 */
	@Test
	void autosaveAnswersTheKeysOfTheItemsItStoredSoTheNextSaveRefersToTheSameItems() throws Exception {
		Launched me = learner("ws-user-7", "link-autosave-keys");
		mvc.perform(me.get("/workspace"));

		MockHttpServletResponse first = mvc.perform(me.post("/workspace/sections/community-asset-map")
			.header("Accept", "application/json")
			.param("revision", "0")
			.param("item.assets.0._key", "")
			.param("item.assets.0.name", "Library")
			.with(csrf())).andReturn().getResponse();
		assertThat(first.getStatus()).isEqualTo(200);
		String key = Workspaces.read(storedDraft("ws-user-7")).section("community-asset-map").items("assets").get(0)
			.key();
		assertThat(first.getContentAsString()).contains("\"keys\":{\"assets\":[\"" + key + "\"]");

		mvc.perform(me.post("/workspace/sections/community-asset-map")
			.header("Accept", "application/json")
			.param("revision", "1")
			.param("item.assets.0._key", key)
			.param("item.assets.0.name", "Library of the town")
			.with(csrf()));

		assertThat(Workspaces.read(storedDraft("ws-user-7")).section("community-asset-map").items("assets"))
			.extracting(Answers.Item::key, item -> item.value("name"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple(key, "Library of the town"));
	}

	/**
	 * The page saves its form before a bulk upload, and with a group still empty that form holds the one empty item
	 * the page shows: the first photo goes into that item rather than after it, so ten photos make ten items.
	 */
	@Test
	void photosUploadedAfterAnAutosaveOfTheEmptyItemMakeOneItemEach() throws Exception {
		Launched me = learner("ws-user-8", "link-bulk");
		mvc.perform(me.get("/workspace"));
		mvc.perform(me.post("/workspace/sections/photo-essay")
			.header("Accept", "application/json")
			.param("revision", "0")
			.param("item.photos.0._key", "")
			.param("item.photos.0.description", "")
			.param("item.photos.0.taken-on", "")
			.param("item.photos.0.phase", "")
			.with(csrf()));

		for (int i = 1; i <= 3; i++) {
			MockHttpServletResponse uploaded = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.put(me.page() + "/workspace/sections/photo-essay/files")
				.cookie(me.session())
				.header("Accept", "application/json")
				.param("slot", "image").param("group", "photos").param("item", "new").param("name", "photo-" + i + ".jpg")
				.contentType("application/octet-stream")
				.content(jpeg())
				.with(csrf())).andReturn().getResponse();
			assertThat(uploaded.getStatus()).as(uploaded.getContentAsString()).isEqualTo(200);
		}

		List<Answers.Item> photos = Workspaces.read(storedDraft("ws-user-8")).section("photo-essay").items("photos");
		assertThat(photos).hasSize(3).allSatisfy(photo -> assertThat(photo.files("image")).hasSize(1));

		// An autosave from the page as it was before the upload (it learnt the first item's key and the new revision,
		// not the items the upload added) changes its own item and keeps the others.
		MockHttpServletResponse autosave = mvc.perform(me.post("/workspace/sections/photo-essay")
			.header("Accept", "application/json")
			.param("revision", revision("ws-user-8"))
			.param("item.photos.0._key", photos.get(0).key())
			.param("item.photos.0.description", "The first photo.")
			.with(csrf())).andReturn().getResponse();
		assertThat(autosave.getStatus()).isEqualTo(200);
		List<Answers.Item> after = Workspaces.read(storedDraft("ws-user-8")).section("photo-essay").items("photos");
		assertThat(after).extracting(Answers.Item::key).containsExactlyElementsOf(photos.stream().map(Answers.Item::key).toList());
		assertThat(after.get(0).value("description")).isEqualTo("The first photo.");
		assertThat(after).allSatisfy(photo -> assertThat(photo.files("image")).hasSize(1));
	}

	private static byte[] jpeg() throws java.io.IOException {
		java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(32, 24,
				java.awt.image.BufferedImage.TYPE_INT_RGB);
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "jpg", out);
		return out.toByteArray();
	}

	private String revision(String subject) {
		return jdbc.sql("SELECT draft_revision FROM workspace WHERE owner_subject = :s").param("s", subject)
			.query(String.class).single();
	}

	private String stored(String subject) {
		return storedDraft(subject);
	}

	private String storedDraft(String subject) {
		return jdbc.sql("SELECT draft FROM workspace WHERE owner_subject = :s").param("s", subject).query(String.class)
			.single();
	}
}
