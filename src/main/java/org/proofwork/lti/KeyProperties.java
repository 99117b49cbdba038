package org.proofwork.lti;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the tool's own signing keys are protected and rotated.
 *
 * @param masterKey base64 of 32 random bytes (AES-256) that encrypts the private keys stored in the database; when
 * empty, one is generated on first start into {@code <data-dir>/master.key} (fine for one node, set it explicitly
 * when several nodes share a database). Generate one with {@code openssl rand -base64 32}.
 * @param rotationPeriod how long a key signs before the next one takes over
 * @param maxTokenLifetime the longest lifetime of any token the tool signs (client assertions, deep linking
 * responses), plus what platforms may cache; a retired key stays published this long
 */
@ConfigurationProperties("proofwork.keys")
public record KeyProperties(String masterKey, @DefaultValue("P30D") Duration rotationPeriod,
		@DefaultValue("PT1H") Duration maxTokenLifetime) {
}
