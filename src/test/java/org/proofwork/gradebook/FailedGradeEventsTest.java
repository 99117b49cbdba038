package org.proofwork.gradebook;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.proofwork.review.DecisionRecorded;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;

/**
 * A decision whose scores could not be recorded (the database refused the transaction) is not lost, and does not
 * wait for a restart either.
 */
class FailedGradeEventsTest extends GradebookTestSupport {

	@MockitoSpyBean
	ScoreOutbox outbox;

	@Autowired
	FailedGradeEvents failedEvents;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aRecordingTheDatabaseBrokeOffIsTriedAgainAtOnce() {
		doThrow(new CannotAcquireLockException("Deadlock found when trying to get lock"))
			.doThrow(new CannotAcquireLockException("Lock wait timeout exceeded"))
			.doCallRealMethod()
			.when(outbox)
			.record(anyList());
		Placement link = moodleLink();

		publish(link.decision("ws-deadlock", DecisionRecorded.Outcome.EARNED, "ok", "deadlocked-user"));

		awaitState(link, "deadlocked-user", DeliveryState.DELIVERED);
		assertThat(failedPublications()).isZero();
	}

	@Test
	void aDecisionWhoseRecordingFailedIsRecordedWhenFailedEventsAreResubmitted() {
		// Runs on H2 too: db/vendor/h2 declares EVENT_PUBLICATION.ID as the UUID Spring Modulith reads there.
		doThrow(new IllegalStateException("Connection is closed")).doCallRealMethod().when(outbox).record(anyList());
		Placement link = moodleLink();

		publish(link.decision("ws-failed", DecisionRecorded.Outcome.EARNED, "ok", "unlucky-user"));
		await().atMost(Duration.ofSeconds(10)).until(() -> failedPublications() == 1);
		assertThat(rows(link)).isEmpty();

		failedEvents.resubmit(Duration.ZERO);

		awaitState(link, "unlucky-user", DeliveryState.DELIVERED);
		assertThat(lms.acceptedScores(link.lineItemPath())).hasSize(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> failedPublications() == 0);
	}

	private long failedPublications() {
		return jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE STATUS = 'FAILED' AND LISTENER_ID LIKE :listener")
			.param("listener", GradeEvents.LISTENER_ID_PREFIX + "%")
			.query(Long.class)
			.single();
	}
}
