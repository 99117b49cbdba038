package org.proofwork.lti;

import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The launch's own address: deep linking goes to the credential picker, other launches to the page the module that
 * owns them provides ({@link LaunchDestination}), or to this module's summary of the launch (see
 * {@link LaunchLanding}). The launch itself redirects straight to that page; this address is what a reload, a
 * bookmark or the placement form come back to.
 */
@Controller
class LandingController {

	static final String VIEW = "lti/landing";

	private final LaunchLanding landing;

	private final LinkPlacements placements;

	private final CredentialCatalog catalog;

	LandingController(LaunchLanding landing, LinkPlacements placements, CredentialCatalog catalog) {
		this.landing = landing;
		this.placements = placements;
		this.catalog = catalog;
	}

	@GetMapping("/launches/{launchId}")
	String land(LtiLaunch launch, Model model) {
		LaunchLanding.Landing landed = landing.of(launch);
		if (landed.path().isPresent()) {
			return "redirect:" + landed.path().get();
		}
		model.addAttribute("launch", launch);
		model.addAttribute("credential", landed.credentialId().flatMap(catalog::find).orElse(null));
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
