package org.proofwork.lti;

import java.util.List;
import java.util.Optional;

import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where every launch arrives: deep linking goes to the credential picker, other launches to the page the module that
 * owns them provides ({@link LaunchDestination}), or to this module's summary of the launch.
 */
@Controller
class LandingController {

	static final String VIEW = "lti/landing";

	private final List<LaunchDestination> destinations;

	private final LinkPlacements placements;

	private final CredentialCatalog catalog;

	LandingController(List<LaunchDestination> destinations, LinkPlacements placements, CredentialCatalog catalog) {
		this.destinations = destinations;
		this.placements = placements;
		this.catalog = catalog;
	}

	@GetMapping("/launches/{launchId}")
	String land(LtiLaunch launch, Model model) {
		if (launch.messageType() == LtiLaunch.MessageType.LtiDeepLinkingRequest) {
			return "redirect:/launches/" + launch.launchId() + "/deep-linking";
		}
		Optional<String> credentialId = placements.credentialOf(launch);
		for (LaunchDestination destination : destinations) {
			Optional<String> path = destination.destinationFor(launch, credentialId);
			if (path.isPresent()) {
				return "redirect:" + path.get();
			}
		}
		model.addAttribute("launch", launch);
		model.addAttribute("credential", credentialId.flatMap(catalog::find).orElse(null));
		model.addAttribute("credentials", catalog.all());
		return VIEW;
	}

	@PostMapping("/launches/{launchId}/placement")
	String place(LtiLaunch launch, @RequestParam String credential) {
		CredentialDefinition chosen = catalog.find(credential)
			.orElseThrow(() -> new IllegalArgumentException("No credential " + credential));
		placements.place(launch, chosen.id());
		return "redirect:/launches/" + launch.launchId();
	}
}
