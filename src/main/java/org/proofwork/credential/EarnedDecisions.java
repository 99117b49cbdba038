package org.proofwork.credential;

import java.time.Duration;

import org.proofwork.review.DecisionRecorded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Issues credentials when a decision is Earned. The review module publishes {@link DecisionRecorded} in the
 * transaction that records the decision, and the JDBC event publication registry keeps it until this listener's own
 * transaction (every member's credential) has committed: a crash or a failure in between leaves the publication
 * incomplete, and it is handed to the listener again (every few minutes here, and on restart), where the
 * (decision, member) key makes the replay add nothing. The listener id is stored with publications: never change it.
 */
@Component
class EarnedDecisions {

	static final String LISTENER_ID = "credential.issue-on-earned";

	/** A publication that failed this often fails for a reason time does not mend; it waits for a restart. */
	static final int MAX_ATTEMPTS = 20;

	private final CredentialIssuing issuing;

	private final FailedEventPublications failed;

	EarnedDecisions(CredentialIssuing issuing, FailedEventPublications failed) {
		this.issuing = issuing;
		this.failed = failed;
	}

	@ApplicationModuleListener(id = LISTENER_ID)
	void decided(DecisionRecorded decision) {
		issuing.issue(decision);
	}

	/** Hands failed issuings back to the listener, so an educator does not wait for a restart for their credential. */
	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT5M")
	void resubmitFailed() {
		failed.resubmit(ResubmissionOptions.defaults()
			.withMinAge(Duration.ofMinutes(5))
			.withFilter(EarnedDecisions::isOurs));
	}

	private static boolean isOurs(EventPublication publication) {
		return publication instanceof TargetEventPublication target
				&& LISTENER_ID.equals(target.getTargetIdentifier().getValue())
				&& publication.getCompletionAttempts() < MAX_ATTEMPTS;
	}
}
