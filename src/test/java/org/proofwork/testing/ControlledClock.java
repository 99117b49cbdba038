package org.proofwork.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Import it to replace the tool's clock with a {@link MutableClock} the test moves. */
@TestConfiguration(proxyBeanMethods = false)
public class ControlledClock {

	@Bean
	@Primary
	MutableClock mutableClock() {
		return MutableClock.startingNow();
	}
}
