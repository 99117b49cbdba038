package org.proofwork.lti;

import org.proofwork.testing.TestPlatform;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.proofwork.lti.LaunchRejectedException.Reason;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * One test per way a launch must be refused: each answers 4xx with a page that says why, starts no session and
 * writes no row.
 */
class LaunchRejectionTest extends LaunchTestSupport {

	private static final String LTI = IdTokenValidator.LTI;

	@Test
	void rejectsIdTokenWithoutKid() throws Exception {
		Login login = login();
		String token = TestPlatform.sign(claims(login).build(), platform.key(), null);

		assertRefused(launch(login, token), Reason.MISSING_KID);
	}

	@Test
	void rejectsIdTokenSignedWithUnknownKey() throws Exception {
		Login login = login();
		RSAKey stranger = TestPlatform.newKey("stranger-key");
		String token = TestPlatform.sign(claims(login).build(), stranger, stranger.getKeyID());

		assertRefused(launch(login, token), Reason.UNKNOWN_KID);
	}

	@Test
	void rejectsIdTokenWithWrongSignature() throws Exception {
		Login login = login();
		RSAKey forger = TestPlatform.newKey("forger");
		String token = TestPlatform.sign(claims(login).build(), forger, platform.key().getKeyID());

		assertRefused(launch(login, token), Reason.BAD_SIGNATURE);
	}

	@Test
	void rejectsUnsignedIdToken() throws Exception {
		Login login = login();
		String token = new PlainJWT(claims(login).build()).serialize();

		assertRefused(launch(login, token), Reason.UNSIGNED);
	}

	@Test
	void rejectsIdTokenSignedWithHs256UsingThePlatformsPublicKeyAsSecret() throws Exception {
		Login login = login();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(platform.key().getKeyID()).build(),
				claims(login).build());
		jwt.sign(new MACSigner(platform.key().toRSAPublicKey().getEncoded()));

		assertRefused(launch(login, jwt.serialize()), Reason.WRONG_ALGORITHM);
	}

	@Test
	void rejectsExpiredIdToken() throws Exception {
		Login login = login();
		Date longAgo = Date.from(clock.instant().minus(Duration.ofMinutes(3)));
		String token = platform.sign(claims(login).issueTime(longAgo)
			.expirationTime(Date.from(longAgo.toInstant().plusSeconds(60)))
			.build());

		assertRefused(launch(login, token), Reason.EXPIRED);
	}

	@Test
	void rejectsIdTokenIssuedInTheFutureBeyondTheSkew() throws Exception {
		Login login = login();
		Date future = Date.from(clock.instant().plus(Duration.ofMinutes(5)));
		String token = platform.sign(claims(login).issueTime(future)
			.expirationTime(Date.from(future.toInstant().plusSeconds(60)))
			.build());

		assertRefused(launch(login, token), Reason.ISSUED_IN_FUTURE);
	}

	@Test
	void rejectsIdTokenWithoutNonce() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).claim("nonce", null).build());

		assertRefused(launch(login, token), Reason.MISSING_NONCE);
	}

	@Test
	void rejectsAReplayedLaunch() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).build());
		assertThat(launch(login, token).getStatus()).isEqualTo(302);
		Map<String, Long> afterFirst = rowCounts();

		MvcResult replay = launch(login, token).result();

		assertThat(replay.getResponse().getStatus()).isEqualTo(400);
		assertThat(rejection(replay)).isEqualTo(Reason.UNKNOWN_STATE);
		assertThat(replay.getResponse().getCookie("PROOFWORK_SESSION")).isNull();
		assertThat(rowCounts()).isEqualTo(afterFirst);
	}

	/**
	 * The same id_token and state posted eight times at once (a double click, a replay racing the real launch): the
	 * login is consumed by one statement, so exactly one launch completes and every other is refused.
	 */
	@Test
	void concurrentLaunchesWithOneStateCompleteOnce() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).build());
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
		List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
		for (int i = 0; i < 8; i++) {
			statuses.add(pool.submit(() -> {
				start.await();
				return launch(login, token).getStatus();
			}));
		}
		start.countDown();
		List<Integer> answered = new java.util.ArrayList<>();
		for (java.util.concurrent.Future<Integer> status : statuses) {
			answered.add(status.get(60, java.util.concurrent.TimeUnit.SECONDS));
		}
		pool.shutdown();

		assertThat(answered).filteredOn(status -> status == 302).hasSize(1);
		assertThat(answered).filteredOn(status -> status == 400).hasSize(7);
	}

	@Test
	void rejectsALaunchWhoseStateBelongsToAnotherBrowser() throws Exception {
		Login login = login();
		Login other = login();
		String token = platform.sign(claims(login).build());
		Cookie otherBrowsersBinding = new Cookie(login.binding().getName(), other.binding().getValue());

		assertRefused(launch(new Login(login.state(), login.nonce(), otherBrowsersBinding, null), token),
				Reason.STATE_MISMATCH);
	}

	@Test
	void rejectsALaunchWithoutTheBrowsersBindingCookie() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).build());
		Map<String, Long> before = rowCounts();

		MvcResult response = mvc
			.perform(post("/lti/launch").param("id_token", token).param("state", login.state()).accept("text/html"))
			.andReturn();

		assertRefused(response, before, Reason.STATE_MISMATCH);
	}

	@Test
	void rejectsALaunchWithoutState() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).build());
		Map<String, Long> before = rowCounts();

		MvcResult response = mvc
			.perform(post("/lti/launch").param("id_token", token).cookie(login.binding()).accept("text/html"))
			.andReturn();

		assertRefused(response, before, Reason.MISSING_STATE);
	}

	@Test
	void rejectsIdTokenFromAnUnknownIssuer() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).issuer("https://evil.example").build());

		assertRefused(launch(login, token), Reason.UNKNOWN_ISSUER);
	}

	@Test
	void rejectsIdTokenForAnUnknownClientId() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).audience("some-other-tool").build());

		assertRefused(launch(login, token), Reason.UNKNOWN_CLIENT);
	}

	@Test
	void rejectsIdTokenWithSeveralAudiencesAndAnotherAzp() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).audience(List.of(TestPlatform.CLIENT_ID, "other"))
			.claim("azp", "other")
			.build());

		assertRefused(launch(login, token), Reason.WRONG_AZP);
	}

	@Test
	void rejectsIdTokenFromAnUnregisteredDeployment() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).claim(LTI + "deployment_id", "deployment-999").build());

		assertRefused(launch(login, token), Reason.UNKNOWN_DEPLOYMENT);
	}

	@Test
	void rejectsIdTokenWithWrongVersion() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).claim(LTI + "version", "1.1").build());

		assertRefused(launch(login, token), Reason.WRONG_VERSION);
	}

	@Test
	void rejectsIdTokenWithoutVersion() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).claim(LTI + "version", null).build());

		assertRefused(launch(login, token), Reason.WRONG_VERSION);
	}

	@Test
	void rejectsUnknownMessageType() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).claim(LTI + "message_type", "LtiStartProctoring").build());

		assertRefused(launch(login, token), Reason.UNKNOWN_MESSAGE_TYPE);
	}

	@Test
	void rejectsIdTokenWithoutSub() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).subject(null).build());

		assertRefused(launch(login, token), Reason.MISSING_SUB);
	}

	@Test
	void rejectsResourceLinkLaunchWithoutResourceLinkId() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).claim(LTI + "resource_link", Map.of("title", "no id")).build());

		assertRefused(launch(login, token), Reason.MISSING_RESOURCE_LINK);
	}

	@Test
	void rejectsTargetLinkUriOnAnotherHost() throws Exception {
		Login login = login();
		String token = platform.sign(claims(login).claim(LTI + "target_link_uri", "https://evil.example/lti/launch")
			.build());

		assertRefused(launch(login, token), Reason.WRONG_TARGET_LINK_URI);
	}

	@Test
	void rejectsLoginInitiationFromAnUnknownIssuer() throws Exception {
		Map<String, Long> before = rowCounts();

		MvcResult response = mvc
			.perform(get("/lti/login").param("iss", "https://unknown.example")
				.param("login_hint", "x")
				.param("target_link_uri", target())
				.accept("text/html"))
			.andReturn();

		assertRefused(response, before, Reason.LOGIN_UNKNOWN_ISSUER);
		assertThat(response.getResponse().getHeader("Location")).isNull();
	}

	@Test
	void rejectsLoginInitiationForATargetOutsideTheTool() throws Exception {
		Map<String, Long> before = rowCounts();

		MvcResult response = mvc
			.perform(get("/lti/login").param("iss", platform.issuer)
				.param("client_id", TestPlatform.CLIENT_ID)
				.param("login_hint", "x")
				.param("target_link_uri", "https://evil.example/phish")
				.accept("text/html"))
			.andReturn();

		assertRefused(response, before, Reason.LOGIN_TARGET_NOT_OURS);
	}

	private JWTClaimsSet.Builder claims(Login login) {
		return platform.claims(login.nonce(), target(), "Learner");
	}

	/** Counts rows before the launch, so a refusal can be shown to have written nothing. */
	private Attempt launch(Login login, String token) throws Exception {
		Map<String, Long> before = rowCounts();
		MvcResult response = mvc
			.perform(post("/lti/launch").param("id_token", token)
				.param("state", login.state())
				.cookie(login.binding())
				.accept("text/html"))
			.andReturn();
		return new Attempt(response, before);
	}

	private void assertRefused(Attempt attempt, Reason expected) throws Exception {
		assertRefused(attempt.result(), attempt.before(), expected);
	}

	private void assertRefused(MvcResult result, Map<String, Long> before, Reason expected) throws Exception {
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(rejection(result)).isEqualTo(expected);
		assertThat(result.getResponse().getCookie("PROOFWORK_SESSION")).as("session cookie").isNull();
		assertThat(rowCounts()).as("rows in every table").isEqualTo(before);
	}

	private static Reason rejection(MvcResult result) {
		assertThat(result.getResolvedException()).isInstanceOf(LaunchRejectedException.class);
		return ((LaunchRejectedException) result.getResolvedException()).reason();
	}

	private record Attempt(MvcResult result, Map<String, Long> before) {

		int getStatus() {
			return result.getResponse().getStatus();
		}
	}

}
