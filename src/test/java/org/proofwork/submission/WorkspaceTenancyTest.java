package org.proofwork.submission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.testing.LaunchFlow;
import org.proofwork.testing.LaunchFlow.Launched;
import org.proofwork.testing.TestPlatform;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every workspace and file URL of one educator, tried with the sessions of another user, another course and another
 * deployment: all 403 or 404, and nothing changes.
 */
@org.junit.jupiter.api.Tag("persistence")
@SpringBootTest
@AutoConfigureMockMvc
class WorkspaceTenancyTest {

	private static final TestPlatform platform = new TestPlatform(java.time.Clock.systemUTC());

	@Autowired
	MockMvc mvc;

	@Autowired
	PlatformRegistry registry;

	@Autowired
	JdbcClient jdbc;

	@Test
	void nobodyElseReachesAnEducatorsWorkOrFiles() throws Exception {
		registry.register(platform.details(platform.issuer, TestPlatform.CLIENT_ID,
				Set.of(TestPlatform.DEPLOYMENT_ID, "deployment-2")), Platform.Source.ADMIN);
		LaunchFlow flow = new LaunchFlow(mvc, platform, "http://localhost:8080/lti/launch");
		Launched owner = flow.launch("Learner", c -> c.subject("tenant-owner")
			.claim("https://purl.imsglobal.org/spec/lti/claim/resource_link", Map.of("id", "tenancy-link")));
		mvc.perform(owner.get("/workspace"));
		mvc.perform(owner.post("/workspace/sections/part-1").param("revision", "0")
			.param("prompt.why-this-micro-credential", "Private answer").with(csrf()));
		byte[] jpeg = javaxJpeg();
		mvc.perform(multipart(owner.page() + "/workspace/sections/photo-essay/files")
			.file(new MockMultipartFile("file", "p.jpg", "image/jpeg", jpeg))
			.param("slot", "image").param("group", "photos").param("item", "new")
			.cookie(owner.session()).with(csrf()));
		String fileId = jdbc.sql("SELECT id FROM evidence_file WHERE workspace_id = "
				+ "(SELECT id FROM workspace WHERE owner_subject = 'tenant-owner')").query(String.class).single();
		mvc.perform(owner.post("/workspace/submit").param("revision", revision()).param("confirm", "true").with(csrf()));

		Launched otherUser = flow.launch("Learner", c -> c.subject("tenant-other")
			.claim("https://purl.imsglobal.org/spec/lti/claim/resource_link", Map.of("id", "tenancy-link")));
		Launched otherCourse = flow.launch("Learner", c -> c.subject("tenant-owner")
			.claim("https://purl.imsglobal.org/spec/lti/claim/context", Map.of("id", "course-99"))
			.claim("https://purl.imsglobal.org/spec/lti/claim/resource_link", Map.of("id", "tenancy-link")));
		Launched otherDeployment = flow.launch("Learner", c -> c.subject("tenant-owner")
			.claim("https://purl.imsglobal.org/spec/lti/claim/deployment_id", "deployment-2")
			.claim("https://purl.imsglobal.org/spec/lti/claim/resource_link", Map.of("id", "tenancy-link")));
		String before = jdbc.sql("SELECT draft FROM workspace WHERE owner_subject = 'tenant-owner' AND context_id = 'course-42'")
			.query(String.class).single();

		List<String> paths = List.of("/workspace", "/workspace/credential", "/workspace/sections/part-1",
				"/workspace/submit", "/workspace/versions/1", "/workspace/files/" + fileId,
				"/workspace/files/" + fileId + "?thumbnail=true");
		List<String> refused = new ArrayList<>();
		for (Launched stranger : List.of(otherUser, otherCourse, otherDeployment)) {
			for (String path : paths) {
				// The owner's own launch URL with the stranger's session...
				refused.add(status(get(owner.page() + path).cookie(stranger.session())) + " " + path);
			}
			// ...and the stranger's own launch asking for the owner's file and version.
			refused.add(status(stranger.get("/workspace/files/" + fileId)) + " own launch, owner's file");
			refused.add(status(stranger.get("/workspace/versions/1")) + " own launch, owner's version");
			refused.add(status(stranger.post("/workspace/sections/photo-essay/files/" + fileId + "/remove").with(csrf()))
					+ " own launch, remove owner's file");
			refused.add(status(post(owner.page() + "/workspace/sections/part-1").cookie(stranger.session())
				.param("revision", "0").param("prompt.why-this-micro-credential", "Overwritten").with(csrf()))
					+ " owner's save");
		}

		assertThat(refused).allSatisfy(line -> assertThat(line).matches("(403|404) .*"));
		assertThat(jdbc.sql("SELECT draft FROM workspace WHERE owner_subject = 'tenant-owner' AND context_id = 'course-42'")
			.query(String.class).single()).isEqualTo(before);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM evidence_file WHERE id = :id").param("id", fileId)
			.query(Long.class).single()).isEqualTo(1);
		assertThat(status(owner.get("/workspace/files/" + fileId))).isEqualTo(200);
	}

	private int status(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.accept("text/html")).andReturn().getResponse().getStatus();
	}

	private String revision() {
		return jdbc.sql("SELECT draft_revision FROM workspace WHERE owner_subject = 'tenant-owner' AND context_id = 'course-42'")
			.query(String.class).single();
	}

	private static byte[] javaxJpeg() throws java.io.IOException {
		java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48,
				java.awt.image.BufferedImage.TYPE_INT_RGB);
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "jpg", out);
		return out.toByteArray();
	}
}
