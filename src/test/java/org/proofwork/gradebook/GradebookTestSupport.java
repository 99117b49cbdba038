package org.proofwork.gradebook;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import org.proofwork.lti.AssignmentGradeService;
import org.proofwork.lti.CourseKey;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.review.DecisionRecorded;
import org.proofwork.submission.GradeTarget;
import org.proofwork.submission.SubmissionSubmitted;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;

/**
 * The tool with a platform played by {@link LmsStub}, short retry delays, and events published the way the
 * submission and review modules publish them: in a transaction of their own.
 */
@SpringBootTest(properties = { "proofwork.gradebook.first-retry-delay=PT0.2S",
		"proofwork.gradebook.max-retry-delay=PT0.8S", "proofwork.gradebook.polling-interval=PT0.1S",
		"proofwork.gradebook.max-attempts=4", "proofwork.gradebook.heartbeat-interval=PT1S",
		"proofwork.admin.password={noop}gradebook-admin" })
@AutoConfigureMockMvc
abstract class GradebookTestSupport {

	static final Set<String> AGS_SCOPES = Set.of(AssignmentGradeService.SCOPE_LINE_ITEM,
			AssignmentGradeService.SCOPE_LINE_ITEM_READONLY, AssignmentGradeService.SCOPE_SCORE);

	/** One platform for every test class: each test works in a course and line item of its own. */
	static final LmsStub lms = new LmsStub();

	@Autowired
	PlatformRegistry registry;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ScoreDeliveries deliveries;

	Platform platform;

	@BeforeEach
	void registerPlatform() {
		platform = registry.register(lms.details("gradebook-tests"), Platform.Source.ADMIN);
	}

	void publish(Object event) {
		transactions.executeWithoutResult(status -> events.publishEvent(event));
	}

	/** A course link of its own, in the product family's dialect; its line item answers scores with 200. */
	Placement moodleLink() {
		return link("moodle", true, 1.0);
	}

	Placement canvasLink() {
		return link("canvas", true, 1.0);
	}

	Placement link(String productFamily, boolean withLineItem, double scoreMaximum) {
		return link(platform, productFamily, withLineItem, scoreMaximum);
	}

	Placement link(Platform platform, String productFamily, boolean withLineItem, double scoreMaximum) {
		String id = UUID.randomUUID().toString().substring(0, 8);
		String lineItemPath = "/mod/lti/services.php/" + id + "/lineitems/7/lineitem";
		lms.lineItem(lineItemPath, scoreMaximum);
		lms.acceptScores(lineItemPath);
		GradeTarget target = new GradeTarget(productFamily,
				lms.url("/mod/lti/services.php/" + id + "/lineitems?type_id=1"),
				withLineItem ? lms.url(lineItemPath + "?type_id=1") : null, AGS_SCOPES, "Community Partnerships");
		return new Placement(platform.id(), LmsStub.DEPLOYMENT_ID, "course-" + id, "link-" + id, lineItemPath,
				target);
	}

	List<ScoreDelivery> rows(Placement placement) {
		return deliveries.ofCourse(placement.course());
	}

	ScoreDelivery row(Placement placement, String user) {
		return rows(placement).stream()
			.filter(row -> row.cell().userId().equals(user))
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("no score row for " + user));
	}

	/** Waits until the latest score of {@code user} reaches {@code state}. */
	ScoreDelivery awaitState(Placement placement, String user, DeliveryState state) {
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> rows(placement).stream()
				.anyMatch(row -> row.cell().userId().equals(user) && row.state() == state));
		return rows(placement).stream()
			.filter(row -> row.cell().userId().equals(user) && row.state() == state)
			.reduce((first, second) -> second)
			.orElseThrow();
	}

	/** A course link of a test: where its events come from and where its scores go. */
	record Placement(long registrationId, String deploymentId, String contextId, String resourceLinkId,
			String lineItemPath, GradeTarget target) {

		CourseKey course() {
			return new CourseKey(registrationId, deploymentId, contextId);
		}

		SubmissionSubmitted submission(String workspaceId, int version, String... members) {
			return new SubmissionSubmitted(workspaceId, version, registrationId, deploymentId, contextId,
					resourceLinkId, "community-partnerships-for-learning-and-family-well-being",
					Arrays.asList(members), target, Instant.now());
		}

		DecisionRecorded decision(String workspaceId, DecisionRecorded.Outcome outcome, String feedback,
				String... members) {
			return new DecisionRecorded(UUID.randomUUID().toString(), workspaceId, 1, outcome, feedback,
					registrationId, deploymentId, contextId, resourceLinkId,
					"community-partnerships-for-learning-and-family-well-being", Arrays.asList(members), Map.of(),
					target, Instant.now());
		}

		Placement withoutGradeService() {
			return new Placement(registrationId, deploymentId, contextId, resourceLinkId, lineItemPath,
					new GradeTarget(target.productFamily(), null, null, Set.of(), target.resourceLinkTitle()));
		}

		Placement withoutLaunchLineItem() {
			return new Placement(registrationId, deploymentId, contextId, resourceLinkId, lineItemPath,
					new GradeTarget(target.productFamily(), target.lineItems(), null, target.scopes(),
							target.resourceLinkTitle()));
		}
	}
}
