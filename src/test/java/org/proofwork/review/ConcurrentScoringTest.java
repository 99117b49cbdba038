package org.proofwork.review;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
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
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two assessors (or two tabs) saving the same review: the first save is stored, the second is refused with a clear
 * message that shows both what is stored and what was typed, so nothing is lost.
 * Tagged {@code persistence}: CI runs it again on MariaDB, whose row locks and unique keys it relies on.
 */
@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
@Tag("persistence")
class ConcurrentScoringTest {

	private static final TestPlatform platform = new TestPlatform(java.time.Clock.systemUTC());

	private static final String COURSE = "course-concurrent";

	private static final Person INSTRUCTOR = new Person("concurrent-instructor", "Ida Instructor",
			"ida@school.example");

	private static final Person ASSISTANT = new Person("concurrent-assistant", "Tom Assistant", "tom@school.example");

	@Autowired
	MockMvc mvc;

	@Autowired
	PlatformRegistry registry;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	ReviewFlow flow;

	@BeforeEach
	void register() {
		registry.register(platform.details(), Platform.Source.ADMIN);
		flow = new ReviewFlow(mvc, platform, jdbc);
	}

	@Test
	void theSecondOfTwoAssessorsSavingTheSameReviewGetsAConflictShowingBothAndTheFirstIsStored() throws Exception {
		Place place = new Place(COURSE, "link-concurrent-1", ReviewFlow.COMMUNITY);
		String workspaceId = submitted("concurrent-educator-1", place);
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place);
		Launched assistant = flow.launch("TeachingAssistant", ASSISTANT, place);
		assertThat(flow.get(instructor, "/review/" + workspaceId).getContentAsString())
			.contains("name=\"revision\" value=\"0\"");
		assertThat(flow.get(assistant, "/review/" + workspaceId).getContentAsString())
			.contains("name=\"revision\" value=\"0\"");

		MockHttpServletResponse first = flow.scores().level("part-1", "pass")
			.comment("part-1", "Clear goals, says the instructor.")
			.post(instructor, workspaceId, 1, 0, "save");
		MockHttpServletResponse second = flow.scores().level("part-1", "fail")
			.comment("part-1", "No learning goal, says the assistant.")
			.overall("The assistant's overall view.")
			.post(assistant, workspaceId, 1, 0, "save");

		assertThat(first.getStatus()).isEqualTo(302);
		assertThat(second.getStatus()).isEqualTo(409);
		assertThat(second.getContentAsString()).contains("Not saved: these scores were saved by someone else")
			.contains("No learning goal, says the assistant.")
			.contains("The assistant&#39;s overall view.")
			.contains("Clear goals, says the instructor.")
			.contains("name=\"revision\" value=\"1\"");
		assertThat(storedComments(workspaceId)).contains("Clear goals, says the instructor.")
			.doesNotContain("No learning goal");

		MockHttpServletResponse again = flow.scores().level("part-1", "fail")
			.comment("part-1", "No learning goal, says the assistant.")
			.post(assistant, workspaceId, 1, 1, "save");

		assertThat(again.getStatus()).isEqualTo(302);
		assertThat(storedComments(workspaceId)).contains("No learning goal");
	}

	@Test
	void aDecideFromAnOutdatedTabDecidesNothing() throws Exception {
		Place place = new Place(COURSE, "link-concurrent-2", ReviewFlow.COMMUNITY);
		String workspaceId = submitted("concurrent-educator-2", place);
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place);
		flow.scores().level("part-1", "pass").post(instructor, workspaceId, 1, 0, "save");

		MockHttpServletResponse stale = flow.scores().level("part-1", "pass").level("part-3", "pass")
			.all(List.of("needs-assessment", "community-asset-map", "action-plan", "photo-essay"), "proficient")
			.post(instructor, workspaceId, 1, 0, "decide");

		assertThat(stale.getStatus()).isEqualTo(409);
		assertThat(events.stream(DecisionRecorded.class)).isEmpty();
		assertThat(flow.status(workspaceId)).isNotIn("EARNED", "NOT_YET");
	}

	@Test
	void twoFirstSavesAtTheSameMomentStoreOneAndRefuseTheOther() throws Exception {
		Place place = new Place(COURSE, "link-concurrent-3", ReviewFlow.COMMUNITY);
		String workspaceId = submitted("concurrent-educator-3", place);
		Launched instructor = flow.launch("Instructor", INSTRUCTOR, place);
		Launched assistant = flow.launch("TeachingAssistant", ASSISTANT, place);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Callable<Integer> byInstructor = () -> {
				start.await();
				return flow.scores().comment("part-1", "instructor").post(instructor, workspaceId, 1, 0, "save")
					.getStatus();
			};
			Callable<Integer> byAssistant = () -> {
				start.await();
				return flow.scores().comment("part-1", "assistant").post(assistant, workspaceId, 1, 0, "save")
					.getStatus();
			};
			Future<Integer> one = threads.submit(byInstructor);
			Future<Integer> other = threads.submit(byAssistant);
			start.countDown();

			assertThat(List.of(one.get(), other.get())).containsExactlyInAnyOrder(302, 409);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(jdbc.sql("SELECT version FROM review WHERE workspace_id = :w").param("w", workspaceId)
			.query(Integer.class).list()).containsExactly(1);
	}

	private String submitted(String subject, Place place) throws Exception {
		return flow.submit(new Person(subject, "Educator " + subject, subject + "@school.example"), place, "part-1",
				"why-this-micro-credential", "An answer");
	}

	private String storedComments(String workspaceId) {
		return jdbc.sql("SELECT comments FROM review WHERE workspace_id = :w").param("w", workspaceId)
			.query(String.class)
			.single();
	}
}
