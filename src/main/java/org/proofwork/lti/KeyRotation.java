package org.proofwork.lti;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates the keys before the tool takes its first request, and rotates them when they are due. Every node runs the
 * check; the database lock in {@link ToolKeys} lets only one rotate.
 */
@Component
class KeyRotation implements SmartInitializingSingleton {

	private final ToolKeys keys;

	KeyRotation(ToolKeys keys) {
		this.keys = keys;
	}

	@Override
	public void afterSingletonsInstantiated() {
		keys.ensureKeys();
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	void rotateWhenDue() {
		keys.rotateIfDue();
	}
}
