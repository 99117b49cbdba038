package org.proofwork.lti;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.proofwork.lti.LaunchRejectedException.Reason;
import org.proofwork.system.ProofworkProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.json.JsonMapper;

/**
 * OIDC third-party initiated login ({@code /lti/login}). Looks the platform up by issuer and client_id, remembers
 * the login in the database (state, nonce, the target and a hash of the browser's binding secret) and sends the
 * browser to the authorization endpoint of that registration only, never to a URL taken from the request.
 * <p>
 * Before leaving for the platform it checks that the browser keeps the binding cookie (one redirect to
 * {@code /lti/login/continue}); if it does not, and the platform offers no LTI Platform Storage, the person is
 * offered to open the tool in a new window, where the cookie is first-party. The platform's one-time
 * {@code lti_message_hint} is still unused at that point.
 */
@Controller
class LoginInitiationController {

	static final String STORAGE_VIEW = "lti/platform-storage-login";

	static final String NEW_WINDOW_VIEW = "lti/new-window";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PlatformRegistry platforms;

	private final LoginStateRepository logins;

	private final IdTokenValidator validator;

	private final LtiSettings settings;

	private final ProofworkProperties proofwork;

	private final Clock clock;

	LoginInitiationController(PlatformRegistry platforms, LoginStateRepository logins, IdTokenValidator validator,
			LtiSettings settings, ProofworkProperties proofwork, Clock clock) {
		this.platforms = platforms;
		this.logins = logins;
		this.validator = validator;
		this.settings = settings;
		this.proofwork = proofwork;
		this.clock = clock;
	}

	@RequestMapping(path = "/lti/login", method = { RequestMethod.GET, RequestMethod.POST })
	String login(@RequestParam Map<String, String> parameters, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		String issuer = required(parameters, "iss");
		String loginHint = required(parameters, "login_hint");
		String targetLinkUri = required(parameters, "target_link_uri");
		Platform platform = platformFor(issuer, parameters.get("client_id"), parameters.get("lti_deployment_id"));
		if (!validator.isOurs(targetLinkUri)) {
			throw new LaunchRejectedException(Reason.LOGIN_TARGET_NOT_OURS,
					"target_link_uri " + targetLinkUri + " is not under " + proofwork.baseUrl());
		}

		String state = BrowserBinding.randomToken();
		String nonce = BrowserBinding.randomToken();
		String secret = BrowserBinding.randomToken();
		String storageTarget = blankToNull(parameters.get("lti_storage_target"));
		UriComponentsBuilder authorization = UriComponentsBuilder.fromUri(platform.authorizationEndpoint())
			.queryParam("scope", "openid")
			.queryParam("response_type", "id_token")
			.queryParam("response_mode", "form_post")
			.queryParam("prompt", "none")
			.queryParam("client_id", platform.clientId())
			.queryParam("redirect_uri", proofwork.url("/lti/launch"))
			.queryParam("login_hint", loginHint)
			.queryParam("state", state)
			.queryParam("nonce", nonce);
		if (parameters.get("lti_message_hint") != null) {
			authorization.queryParam("lti_message_hint", parameters.get("lti_message_hint"));
		}
		String authorizationUrl = authorization.build().encode().toUriString();
		logins.insert(new LoginState(state, nonce, platform.id(), targetLinkUri, BrowserBinding.hash(secret),
				storageTarget, authorizationUrl, json.writeValueAsString(loginParameters(parameters)),
				clock.instant().plus(settings.loginTimeout())));
		BrowserBinding.setCookie(request, response, state, secret, settings.loginTimeout().toSeconds());

		if (storageTarget != null) {
			model.addAttribute("storageTarget", storageTarget);
			model.addAttribute("platformOrigin", origin(platform.authorizationEndpoint()));
			model.addAttribute("storageKey", BrowserBinding.COOKIE_PREFIX + state);
			model.addAttribute("storageValue", secret);
			model.addAttribute("authorizationUrl", authorizationUrl);
			model.addAttribute("newWindow", loginParameters(parameters));
			return STORAGE_VIEW;
		}
		return "redirect:" + proofwork.url("/lti/login/continue") + "?state=" + state;
	}

	@GetMapping("/lti/login/continue")
	Object continueLogin(@RequestParam String state, HttpServletRequest request, Model model) {
		LoginState login = logins.findByState(state)
			.filter(found -> found.expiresAt().isAfter(clock.instant()))
			.orElseThrow(() -> new LaunchRejectedException(Reason.UNKNOWN_STATE, "continue: unknown state"));
		boolean cookieKept = BrowserBinding.cookie(request, state)
			.filter(secret -> BrowserBinding.matches(secret, login.browserBinding()))
			.isPresent();
		if (cookieKept) {
			RedirectView redirect = new RedirectView(login.authorizationUrl());
			// The URL is final (encoded, with the platform's own hint in it): no template expansion.
			redirect.setExpandUriTemplateVariables(false);
			return redirect;
		}
		model.addAttribute("newWindow", json.readValue(login.loginParameters(), Map.class));
		return NEW_WINDOW_VIEW;
	}

	private Platform platformFor(String issuer, String clientId, String deploymentId) {
		if (clientId != null && !clientId.isBlank()) {
			return platforms.find(issuer, clientId)
				.orElseThrow(() -> new LaunchRejectedException(Reason.LOGIN_UNKNOWN_ISSUER,
						"no registration for iss " + issuer + " and client_id " + clientId, issuer));
		}
		List<Platform> candidates = platforms.findByIssuer(issuer);
		if (candidates.size() > 1 && deploymentId != null) {
			candidates = candidates.stream().filter(p -> p.deploymentIds().contains(deploymentId)).toList();
		}
		if (candidates.isEmpty()) {
			throw new LaunchRejectedException(Reason.LOGIN_UNKNOWN_ISSUER, "no registration for iss " + issuer,
					issuer);
		}
		if (candidates.size() > 1) {
			throw new LaunchRejectedException(Reason.LOGIN_AMBIGUOUS,
					candidates.size() + " registrations for iss " + issuer + " and no client_id", issuer);
		}
		return candidates.get(0);
	}

	/** What a new window needs to start the same login again (first-party there). */
	private static Map<String, String> loginParameters(Map<String, String> parameters) {
		Map<String, String> kept = new LinkedHashMap<>();
		for (String name : List.of("iss", "login_hint", "target_link_uri", "lti_message_hint", "client_id",
				"lti_deployment_id")) {
			if (parameters.get(name) != null) {
				kept.put(name, parameters.get(name));
			}
		}
		return kept;
	}

	private static String required(Map<String, String> parameters, String name) {
		String value = parameters.get(name);
		if (value == null || value.isBlank()) {
			throw new LaunchRejectedException(Reason.LOGIN_MISSING_PARAMETER, "no " + name, name);
		}
		return value;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	static String origin(URI uri) {
		return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
	}
}
