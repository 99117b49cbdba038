package org.proofwork.lti;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Logins that never came back as launches (closed tabs, refused sign-ins) are removed after they expire. */
@Component
class LoginStateCleanup {

	private final LoginStateRepository logins;

	private final Clock clock;

	LoginStateCleanup(LoginStateRepository logins, Clock clock) {
		this.logins = logins;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
	@Transactional
	void removeExpired() {
		logins.deleteExpired(clock.instant());
	}
}
