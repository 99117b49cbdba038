package org.proofwork.lti;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.proofwork.testing.ControlledClock;
import org.proofwork.testing.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@Import(ControlledClock.class)
@Tag("persistence")
class ToolKeysTest {

	@Autowired
	ToolKeys keys;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void startFromNoKeys() {
		jdbc.sql("DELETE FROM tool_signing_key").update();
		keys.ensureKeys();
	}

	@Test
	void publishesTheActiveAndTheNextKeyWithoutPrivateParts() {
		List<JWK> published = keys.publicKeySet().getKeys();

		assertThat(published).hasSize(2);
		assertThat(published).extracting(JWK::getKeyID).contains(keys.signingKey().getKeyID()).doesNotHaveDuplicates();
		assertThat(published).allSatisfy(key -> {
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
		});
	}

	@Test
	void storesPrivateKeysEncrypted() {
		List<String> stored = jdbc.sql("SELECT private_jwk_ciphertext FROM tool_signing_key").query(String.class).list();

		assertThat(stored).isNotEmpty().allSatisfy(text -> assertThat(text).startsWith("v1:").doesNotContain("\"d\""));
	}

	@Test
	void ensuringKeysTwiceKeepsTheSigningKey() {
		String kid = keys.signingKey().getKeyID();

		keys.ensureKeys();

		assertThat(keys.signingKey().getKeyID()).isEqualTo(kid);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM tool_signing_key").query(Integer.class).single()).isEqualTo(2);
	}

	@Test
	void rotationSignsWithThePrePublishedKeyAndKeepsTheOldOnePublishedUntilItsTokensExpire() {
		String old = keys.signingKey().getKeyID();
		List<String> before = kids();
		String next = before.stream().filter(kid -> !kid.equals(old)).findFirst().orElseThrow();

		String now = keys.rotate();

		assertThat(now).isEqualTo(next);
		assertThat(keys.signingKey().getKeyID()).isEqualTo(next);
		assertThat(kids()).hasSize(3).contains(old, next);

		clock.advance(Duration.ofHours(1).plusMinutes(2));

		assertThat(kids()).hasSize(2).doesNotContain(old).contains(next);
	}

	@Test
	void rotatesOnlyWhenTheRotationPeriodHasPassed() {
		String kid = keys.signingKey().getKeyID();

		assertThat(keys.rotateIfDue()).isFalse();
		clock.advance(Duration.ofDays(30));
		assertThat(keys.rotateIfDue()).isTrue();

		assertThat(keys.signingKey().getKeyID()).isNotEqualTo(kid);
	}

	private List<String> kids() {
		return keys.publicKeySet().getKeys().stream().map(JWK::getKeyID).toList();
	}
}
