package org.proofwork.lti;

import org.proofwork.testing.TestPlatform;

import java.time.Duration;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platforms rotate their keys (Canvas monthly). A new kid must work after one fetch of the key set; made-up kids
 * must not make the tool fetch it more than once per 30 seconds.
 */
class PlatformKeyRotationTest extends LaunchTestSupport {

	@Test
	void acceptsANewPlatformKeyAfterExactlyOneRefetchAndLimitsRefetchesForUnknownKids() throws Exception {
		assertThat(launchSignedWith(platform.key(), platform.key().getKeyID())).isEqualTo(302);
		int afterFirstLaunch = platform.keySetFetches();
		assertThat(afterFirstLaunch).isEqualTo(1);

		clock.advance(Duration.ofSeconds(31));
		RSAKey rotated = platform.rotate("platform-key-2");
		assertThat(launchSignedWith(rotated, rotated.getKeyID())).isEqualTo(302);
		assertThat(platform.keySetFetches()).as("one refetch for the new kid").isEqualTo(afterFirstLaunch + 1);

		clock.advance(Duration.ofSeconds(31));
		int beforeFlood = platform.keySetFetches();
		for (int i = 0; i < 10; i++) {
			RSAKey madeUp = TestPlatform.newKey("made-up-" + i);
			assertThat(launchSignedWith(madeUp, madeUp.getKeyID())).isEqualTo(400);
			clock.advance(Duration.ofSeconds(2));
		}
		assertThat(platform.keySetFetches()).as("a flood within 30 s refetches once").isEqualTo(beforeFlood + 1);

		clock.advance(Duration.ofSeconds(31));
		RSAKey another = TestPlatform.newKey("made-up-late");
		assertThat(launchSignedWith(another, another.getKeyID())).isEqualTo(400);
		assertThat(platform.keySetFetches()).as("next interval, one more").isEqualTo(beforeFlood + 2);

		assertThat(launchSignedWith(rotated, rotated.getKeyID())).as("known keys keep working").isEqualTo(302);
	}

	private int launchSignedWith(RSAKey key, String kid) throws Exception {
		Login login = login();
		String token = TestPlatform.sign(platform.claims(login.nonce(), target(), "Learner").build(), key, kid);
		return launch(token, login).andReturn().getResponse().getStatus();
	}
}
