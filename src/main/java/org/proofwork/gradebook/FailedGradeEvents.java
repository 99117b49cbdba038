package org.proofwork.gradebook;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.stereotype.Component;

/**
 * Hands submissions and decisions whose recording failed (the database refused a transaction, say) to
 * {@link GradeEvents} again, every minute, on one node at a time: the event publication registry otherwise
 * republishes them only when a node restarts, and a grade would wait for that.
 */
@Component
class FailedGradeEvents {

	/** The db-scheduler task name. Stored in rows: never rename. */
	static final String TASK = "gradebook-failed-event-resubmission";

	static final Duration EVERY = Duration.ofMinutes(1);

	/** An event that failed this often fails for a reason time does not mend; it stays for a restart (and a fix). */
	static final int MAX_ATTEMPTS = 30;

	private final FailedEventPublications failed;

	FailedGradeEvents(FailedEventPublications failed) {
		this.failed = failed;
	}

	RecurringTask<Void> task() {
		return Tasks.recurring(TASK, FixedDelay.of(EVERY)).execute((instance, context) -> resubmit(EVERY));
	}

	/** Resubmits this module's failed publications that failed at least {@code minAge} ago. */
	void resubmit(Duration minAge) {
		failed.resubmit(ResubmissionOptions.defaults().withMinAge(minAge).withFilter(FailedGradeEvents::isOurs));
	}

	private static boolean isOurs(EventPublication publication) {
		return publication instanceof TargetEventPublication target
				&& target.getTargetIdentifier().getValue().startsWith(GradeEvents.LISTENER_ID_PREFIX)
				&& publication.getCompletionAttempts() < MAX_ATTEMPTS;
	}
}
