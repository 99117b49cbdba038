package org.proofwork.lti;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.lti.LaunchRejectedException.Reason;
import org.proofwork.system.CookielessSessions;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The redirect URI ({@code /lti/launch}): validates the id_token completely before anything is written, then
 * consumes the login (single use), starts the session and sends the browser to the launch's page.
 * <p>
 * The answer to the platform's POST is a redirect (so a reload never posts the id_token again) straight to the page
 * the launch lands on ({@link LaunchLanding}), not to {@code /launches/{launchId}} to be redirected once more: one
 * request less on every launch. That address stays what the browser falls back to.
 */
@Controller
class LaunchController {

	static final String STORAGE_VIEW = "lti/platform-storage-launch";

	private static final Logger log = LoggerFactory.getLogger(LaunchController.class);

	private final LoginStateRepository logins;

	private final PlatformRegistry platforms;

	private final IdTokenValidator validator;

	private final LaunchSessions sessions;

	private final LaunchLanding landing;

	private final Clock clock;

	LaunchController(LoginStateRepository logins, PlatformRegistry platforms, IdTokenValidator validator,
			LaunchSessions sessions, LaunchLanding landing, Clock clock) {
		this.logins = logins;
		this.platforms = platforms;
		this.validator = validator;
		this.sessions = sessions;
		this.landing = landing;
		this.clock = clock;
	}

	@PostMapping("/lti/launch")
	String launch(@RequestParam(name = "id_token", required = false) String idToken,
			@RequestParam(required = false) String state, @RequestParam(required = false) String error,
			@RequestParam(name = "error_description", required = false) String errorDescription,
			@RequestParam(name = "lti_storage_binding", required = false) String storedBinding,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (error != null) {
			String said = errorDescription == null ? error : error + ": " + errorDescription;
			throw new LaunchRejectedException(Reason.PLATFORM_ERROR, said, said);
		}
		if (idToken == null || idToken.isBlank()) {
			throw new LaunchRejectedException(Reason.MISSING_ID_TOKEN, "no id_token");
		}
		if (state == null || state.isBlank()) {
			throw new LaunchRejectedException(Reason.MISSING_STATE, "no state");
		}
		LoginState login = logins.findByState(state)
			.filter(found -> found.expiresAt().isAfter(clock.instant()))
			.orElseThrow(() -> new LaunchRejectedException(Reason.UNKNOWN_STATE, "state unknown, used or expired"));
		Platform platform = platforms.find(login.registrationId())
			.orElseThrow(() -> new LaunchRejectedException(Reason.UNKNOWN_STATE, "registration removed"));

		String cookie = BrowserBinding.cookie(request, state).orElse(null);
		String secret = cookie != null ? cookie : storedBinding;
		if (secret == null && login.usesPlatformStorage()) {
			// The browser kept no cookie: read the secret back from the platform's storage, then post again.
			model.addAttribute("idToken", idToken);
			model.addAttribute("state", state);
			model.addAttribute("storageTarget", login.storageTarget());
			model.addAttribute("platformOrigin", LoginInitiationController.origin(platform.authorizationEndpoint()));
			model.addAttribute("storageKey", BrowserBinding.COOKIE_PREFIX + state);
			return STORAGE_VIEW;
		}
		if (secret == null || !BrowserBinding.matches(secret, login.browserBinding())) {
			throw new LaunchRejectedException(Reason.STATE_MISMATCH,
					secret == null ? "no binding cookie for this state" : "binding does not match the state");
		}

		LtiLaunch launch = validator.validate(idToken, login, platform);
		if (logins.consume(state) != 1) {
			throw new LaunchRejectedException(Reason.UNKNOWN_STATE, "state used by a concurrent launch");
		}
		if (cookie == null) {
			// The binding came through Platform Storage: this browser keeps no cookie of the tool in the frame.
			CookielessSessions.enable(request);
		}
		sessions.start(launch, request, response);
		BrowserBinding.clearCookie(request, response, state);
		log.info("Launch {} {} by {} in registration {} deployment {} context {}", launch.launchId(),
				launch.messageType(), launch.user().id(), launch.registrationId(), launch.deploymentId(),
				launch.course() == null ? null : launch.course().id());
		return "redirect:" + destination(launch);
	}

	/**
	 * Where the launch lands; if finding that out fails, the launch's own address, which asks again: the login is
	 * consumed by now, and the session must not be lost to a failed lookup.
	 */
	private String destination(LtiLaunch launch) {
		try {
			return landing.of(launch).path().orElse(LaunchLanding.summary(launch));
		}
		catch (RuntimeException ex) {
			log.warn("Launch {}: its page could not be determined, sending it to its own address", launch.launchId(),
					ex);
			return LaunchLanding.summary(launch);
		}
	}
}
