package org.proofwork.lti;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How strictly launches are checked and how platform keys are fetched.
 *
 * @param clockSkew how far a platform's clock may be off when {@code exp} and {@code iat} are checked
 * @param loginTimeout how long a login initiation may take to come back as a launch
 * @param keySetRefetchInterval the shortest time between two fetches of one platform's key set (an id_token with an
 * unknown {@code kid} triggers one)
 * @param keySetCacheTime how long a platform's key set is used before it is fetched again (it is refreshed ahead,
 * and an old copy is used while the platform is unreachable)
 * @param allowInsecurePlatformUrls accept {@code http://} platform URLs in Dynamic Registration (only for local
 * demos and tests; real platforms use HTTPS)
 * @param importFile a JSON file of platforms registered at start-up (format: lti-config/platform-import.example.json);
 * registrations that exist are updated, none is removed
 */
@ConfigurationProperties("proofwork.lti")
public record LtiSettings(@DefaultValue("PT60S") Duration clockSkew, @DefaultValue("PT10M") Duration loginTimeout,
		@DefaultValue("PT30S") Duration keySetRefetchInterval, @DefaultValue("PT15M") Duration keySetCacheTime,
		@DefaultValue("false") boolean allowInsecurePlatformUrls, Path importFile) {
}
