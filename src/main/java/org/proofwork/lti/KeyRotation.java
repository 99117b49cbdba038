package org.proofwork.lti;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates the signing key before the tool takes its first request, the next key once it is ready, and rotates them
 * when they are due. Every node runs the check; the database lock in {@link ToolKeys} lets only one rotate.
 * <p>
 * The next key is left out of start-up on purpose: on a first start, generating two RSA keys was a quarter of the
 * CPU time to readiness, and the next key is only needed a rotation period (30 days by default) later. It is
 * generated on the scheduler's thread just after the application is ready (readiness is announced after the
 * {@link ApplicationReadyEvent} listeners return, so it must not run in the listener itself), and the hourly check
 * creates it too if that attempt failed.
 */
@Component
class KeyRotation implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

	private final ToolKeys keys;

	private final TaskScheduler scheduler;

	KeyRotation(ToolKeys keys, TaskScheduler scheduler) {
		this.keys = keys;
		this.scheduler = scheduler;
	}

	@Override
	public void afterSingletonsInstantiated() {
		keys.ensureSigningKey();
	}

	@EventListener(ApplicationReadyEvent.class)
	void createNextKeyWhenReady() {
		scheduler.schedule(() -> {
			try {
				keys.ensureKeys();
			}
			catch (RuntimeException ex) {
				log.warn("Could not create the next signing key; the hourly key check tries again", ex);
			}
		}, Instant.now());
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	void rotateWhenDue() {
		keys.ensureKeys();
		keys.rotateIfDue();
	}
}
