package org.proofwork.review;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.review.ReviewFlow.Person;
import org.proofwork.review.ReviewFlow.Place;
import org.proofwork.testing.LaunchFlow.Launched;
import org.proofwork.testing.TestPlatform;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

/**
 * Where review launches land (the course link, the gradebook's Submission Review, Canvas's submission URL), and
 * that a course's submissions and their files reach only that course's assessors.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReviewLaunchAndAccessTest {

	private static final TestPlatform platform = new TestPlatform(java.time.Clock.systemUTC());

	private static final String COURSE = "course-access";

	private static final Person INSTRUCTOR = new Person("access-instructor", "Ida Instructor", "ida@school.example");

	@Autowired
	MockMvc mvc;

	@Autowired
	PlatformRegistry registry;

	@Autowired
	JdbcClient jdbc;

	ReviewFlow flow;

	@BeforeEach
	void register() {
		registry.register(platform.details(), Platform.Source.ADMIN);
		flow = new ReviewFlow(mvc, platform, jdbc);
	}

	@Test
	void anInstructorWhoseLaunchCarriesNoGradeServiceIsToldHowToTurnGradesOn() throws Exception {
		Launched withGrades = flow.launch("Instructor", INSTRUCTOR, place("link-access-ags"));
		Launched withoutGrades = new org.proofwork.testing.LaunchFlow(mvc, platform, ReviewFlow.TARGET)
			.launch("Instructor", claims -> claims.subject(INSTRUCTOR.subject())
				.claim("https://purl.imsglobal.org/spec/lti/claim/context", java.util.Map.of("id", COURSE))
				.claim("https://purl.imsglobal.org/spec/lti/claim/resource_link", java.util.Map.of("id", "link-access-no-ags"))
				.claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", null));

		assertThat(flow.get(withGrades, "/review").getContentAsString()).doesNotContain("Accept grades from the tool");
		assertThat(flow.get(withoutGrades, "/review").getContentAsString()).contains("Accept grades from the tool");
	}

	@Test
	void aSubmissionReviewLaunchFromTheGradebookOpensTheReviewOfThatLearnersWork() throws Exception {
		Place place = place("link-access-1");
		Person educator = educator("access-educator-1");
		String workspaceId = flow.submit(educator, place, "part-1", "why-this-micro-credential", "Reviewed from SpeedGrader");

		Launched review = flow.submissionReview("Instructor", INSTRUCTOR, place, educator.subject());

		assertThat(flow.landing(review)).isEqualTo(review.page() + "/review/" + workspaceId);
		assertThat(flow.get(review, "/review/" + workspaceId).getContentAsString())
			.contains("Reviewed from SpeedGrader");
	}

	@Test
	void aSubmissionReviewLaunchForALearnerWithoutWorkOpensTheQueueWithANote() throws Exception {
		Launched review = flow.submissionReview("Instructor", INSTRUCTOR, place("link-access-2"), "nobody-here");

		assertThat(flow.landing(review)).isEqualTo(review.page() + "/review?missing=true");
		assertThat(flow.get(review, "/review?missing=true").getContentAsString())
			.contains("That learner has not submitted anything on this link yet.");
	}

	@Test
	void canvassSubmissionUrlOpensTheReview() throws Exception {
		Place place = place("link-access-3");
		String workspaceId = flow.submit(educator("access-educator-3"), place, "part-1", "why-this-micro-credential",
				"Opened from Canvas");

		Launched instructor = flow.launch(ReviewFlow.TARGET + "?submission=" + workspaceId, "Instructor", INSTRUCTOR,
				place);

		assertThat(flow.landing(instructor)).isEqualTo(instructor.page() + "/review/" + workspaceId);
	}

	@Test
	void anAssessorsCourseLinkOpensTheQueueAndAnEducatorsStillTheirWorkspace() throws Exception {
		Place place = place("link-access-4");

		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place);
		Launched educator = flow.launch("Learner", educator("access-educator-4"), place);

		assertThat(flow.landing(instructor)).isEqualTo(instructor.page() + "/review");
		assertThat(flow.landing(educator)).isEqualTo(educator.page() + "/workspace");
		assertThat(flow.get(instructor, "/review").getContentAsString()).contains("Submissions to review")
			.contains("This link opens Community Partnerships for Learning and Family Well-Being.");
	}

	@Test
	void assessorsOfAnotherCourseGetNotFoundForEverythingOfThisCourse() throws Exception {
		Place place = place("link-access-5");
		String workspaceId = flow.submit(educator("access-educator-5"), place, "part-1", "why-this-micro-credential",
				"Only for this course");
		Place elsewhere = new Place("course-access-other", "link-access-5", ReviewFlow.COMMUNITY);
		Launched stranger = flow.launch("Instructor", new Person("access-stranger", "Sam Stranger", "sam@x.example"),
				elsewhere);
		Launched viaCanvas = flow.launch(ReviewFlow.TARGET + "?submission=" + workspaceId, "Instructor",
				new Person("access-stranger", "Sam Stranger", "sam@x.example"), elsewhere);

		assertThat(flow.get(stranger, "/review/" + workspaceId).getStatus()).isEqualTo(404);
		assertThat(flow.get(stranger, "/review/" + workspaceId + "/files/some-file").getStatus()).isEqualTo(404);
		assertThat(flow.scores().level("part-1", "pass").post(stranger, workspaceId, 1, 0, "save").getStatus())
			.isEqualTo(404);
		assertThat(mvc.perform(stranger.post("/review/" + workspaceId + "/reveal").with(csrf())).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(flow.get(viaCanvas, "/review/" + workspaceId).getStatus()).isEqualTo(404);
		assertThat(flow.get(stranger, "/review").getContentAsString()).doesNotContain(workspaceId);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM review WHERE workspace_id = :w").param("w", workspaceId)
			.query(Long.class).single()).isZero();
	}

	@Test
	void theReviewShowsDocumentsForPreviewAndThePhotoEssayAsATimelineAndServesTheirFiles() throws Exception {
		Place place = place("link-access-6");
		Person educator = educator("access-educator-6");
		Launched me = flow.launch("Learner", educator, place);
		mvc.perform(me.get("/workspace/credential"));
		String pdf = upload(me, "needs-assessment", "survey-document", null,
				new MockMultipartFile("file", "family-survey.pdf", "application/pdf", pdf()));
		String photo = upload(me, "photo-essay", "image", "photos",
				new MockMultipartFile("file", "kickoff.png", "image/png", png()));
		String workspaceId = flow.submit(me, educator, "part-1", "why-this-micro-credential", "With evidence");
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place);
		Launched stranger = flow.launch("Instructor", INSTRUCTOR, new Place("course-access-other", "link-access-6",
				ReviewFlow.COMMUNITY));

		String page = flow.get(instructor, "/review/" + workspaceId).getContentAsString();
		MockHttpServletResponse document = flow.get(instructor, "/review/" + workspaceId + "/files/" + pdf + "?inline=true");
		MockHttpServletResponse thumbnail = flow.get(instructor,
				"/review/" + workspaceId + "/files/" + photo + "?thumbnail=true");

		assertThat(page).contains("Photo essay timeline").contains("No date")
			.contains("/files/" + photo + "?thumbnail=true")
			.contains("Preview of family-survey.pdf").contains("type=\"application/pdf\"");
		assertThat(document.getStatus()).isEqualTo(200);
		assertThat(document.getContentType()).isEqualTo("application/pdf");
		assertThat(thumbnail.getStatus()).isEqualTo(200);
		assertThat(thumbnail.getContentType()).isEqualTo("image/jpeg");
		assertThat(flow.get(stranger, "/review/" + workspaceId + "/files/" + pdf).getStatus()).isEqualTo(404);
	}

	private String upload(Launched me, String section, String slot, String group, MockMultipartFile file)
			throws Exception {
		var request = multipart(me.page() + "/workspace/sections/" + section + "/files").file(file)
			.param("slot", slot)
			.header("Accept", "application/json")
			.cookie(me.session())
			.with(csrf());
		if (group != null) {
			request.param("group", group).param("item", "new");
		}
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		ReviewFlow.expectStatus(200, response);
		return response.getContentAsString().replaceAll(".*\"files\":\\[\"([^\"]+)\".*", "$1");
	}

	private static byte[] pdf() {
		return """
				%PDF-1.4
				1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
				2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
				trailer << /Root 1 0 R >>
				%%EOF
				""".getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] png() throws Exception {
		BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 64; x++) {
			for (int y = 0; y < 48; y++) {
				image.setRGB(x, y, new Color(x * 4, y * 5, 120).getRGB());
			}
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(image, "png", bytes);
		return bytes.toByteArray();
	}

	private static Place place(String link) {
		return new Place(COURSE, link, ReviewFlow.COMMUNITY);
	}

	private static Person educator(String subject) {
		return new Person(subject, "Educator " + subject, subject + "@school.example");
	}
}
