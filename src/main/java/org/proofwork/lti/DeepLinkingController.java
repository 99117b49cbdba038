package org.proofwork.lti;

import java.util.List;

import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An instructor places credentials in the course: picks from the catalog, and the browser carries the signed
 * response back to the platform's return URL.
 */
@Controller
class DeepLinkingController {

	static final String PICKER_VIEW = "lti/deep-linking";

	static final String RETURN_VIEW = "lti/deep-linking-return";

	private final CredentialCatalog catalog;

	private final DeepLinkingResponse response;

	DeepLinkingController(CredentialCatalog catalog, DeepLinkingResponse response) {
		this.catalog = catalog;
		this.response = response;
	}

	@GetMapping("/launches/{launchId}/deep-linking")
	String picker(LtiLaunch launch, Model model) {
		requireDeepLinkingAssessor(launch);
		model.addAttribute("launch", launch);
		model.addAttribute("credentials", catalog.all());
		model.addAttribute("supported", acceptsLinks(launch));
		return PICKER_VIEW;
	}

	@PostMapping("/launches/{launchId}/deep-linking")
	String respond(LtiLaunch launch, @RequestParam(name = "credential", required = false) List<String> chosen,
			@RequestParam(required = false) String cancel, Model model) {
		requireDeepLinkingAssessor(launch);
		List<CredentialDefinition> credentials = cancel != null || chosen == null || !acceptsLinks(launch) ? List.of()
				: chosen.stream().distinct().map(id -> catalog.find(id).orElseThrow(
						() -> new IllegalArgumentException("No credential " + id))).toList();
		if (!launch.deepLinking().acceptMultiple() && credentials.size() > 1) {
			model.addAttribute("launch", launch);
			model.addAttribute("credentials", catalog.all());
			model.addAttribute("supported", true);
			model.addAttribute("problem", "lti.deeplinking.one-only");
			return PICKER_VIEW;
		}
		model.addAttribute("returnUrl", launch.deepLinking().returnUrl());
		model.addAttribute("jwt", response.sign(launch, credentials));
		return RETURN_VIEW;
	}

	private static boolean acceptsLinks(LtiLaunch launch) {
		List<String> types = launch.deepLinking().acceptTypes();
		return types.isEmpty() || types.contains("ltiResourceLink");
	}

	private static void requireDeepLinkingAssessor(LtiLaunch launch) {
		if (launch.messageType() != LtiLaunch.MessageType.LtiDeepLinkingRequest || !launch.isAssessor()) {
			throw new UserFacingException(HttpStatus.FORBIDDEN, "lti.forbidden.assessor.title",
					"lti.forbidden.assessor.advice", "deep linking by " + launch.roles() + " in " + launch.messageType());
		}
	}
}
