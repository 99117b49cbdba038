package org.proofwork.credential;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.proofwork.credential.CreditRequests.CreditRequest;
import org.proofwork.credential.ShareLinks.ShareLink;
import org.proofwork.lti.LtiLaunch;
import org.proofwork.system.ProofworkProperties;
import org.proofwork.system.UserFacingException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The educator's "My credentials" page inside the LMS: every credential they earned through this platform, with the
 * downloads, the evidence record, share links for universities and requests for graduate credit. Only the launching
 * person's own credentials: any other id is not found.
 */
@Controller
class MyCredentialsController {

	static final String VIEW = "credential/mine";

	private final IssuedCredentials credentials;

	private final Verification verification;

	private final ShareLinks shares;

	private final CreditRequests creditRequests;

	private final EvidenceRecordPdf records;

	private final CredentialSettings settings;

	private final ProofworkProperties proofwork;

	MyCredentialsController(IssuedCredentials credentials, Verification verification, ShareLinks shares,
			CreditRequests creditRequests, EvidenceRecordPdf records, CredentialSettings settings,
			ProofworkProperties proofwork) {
		this.credentials = credentials;
		this.verification = verification;
		this.shares = shares;
		this.creditRequests = creditRequests;
		this.records = records;
		this.settings = settings;
		this.proofwork = proofwork;
	}

	/** A partner as the request form offers it, with the credits it grants for this credential when it says. */
	record PartnerOption(String id, String name, String credits, String instructions, String contact) {
	}

	/** One earned credential with everything the page shows about it. */
	record Earned(IssuedCredential credential, Verification.Report report, List<ShareLink> shares,
			List<CreditRequest> requests, List<PartnerOption> partners) {
	}

	@GetMapping("/launches/{launchId}/credentials/mine")
	String page(LtiLaunch launch, Model model) {
		List<Earned> earned = credentials.of(launch.personKey())
			.stream()
			.map(credential -> new Earned(credential, verification.verify(credential), shares.of(credential.id()),
					creditRequests.ofCredential(credential.id()), partners(credential)))
			.toList();
		model.addAttribute("launch", launch);
		model.addAttribute("base", "/launches/" + launch.launchId() + "/credentials");
		model.addAttribute("earned", earned);
		model.addAttribute("partnersConfigured", !settings.partners().isEmpty());
		model.addAttribute("partnerNames", settings.partners()
			.stream()
			.collect(Collectors.toMap(CredentialSettings.Partner::id, CredentialSettings.Partner::name)));
		model.addAttribute("defaultExpiry", shares.defaultExpiry().toString());
		model.addAttribute("today", shares.today().toString());
		model.addAttribute("latestExpiry", shares.latestExpiry().toString());
		model.addAttribute("publicBase", proofwork.baseUrl().toString());
		return VIEW;
	}

	@PostMapping("/launches/{launchId}/credentials/{credentialId}/shares")
	String share(LtiLaunch launch, @PathVariable String credentialId, @RequestParam(defaultValue = "") String label,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn,
			@RequestParam(defaultValue = "false") boolean includeArtifacts, RedirectAttributes redirect) {
		IssuedCredential credential = own(launch, credentialId);
		ShareLink link = shares.create(credential.id(), label, expiresOn, includeArtifacts);
		redirect.addFlashAttribute("sharedUrl", proofwork.url("/credentials/shared/" + link.token()).toString());
		return back(launch, credential);
	}

	@PostMapping("/launches/{launchId}/credentials/{credentialId}/shares/{token}/revoke")
	String revokeShare(LtiLaunch launch, @PathVariable String credentialId, @PathVariable String token,
			RedirectAttributes redirect) {
		IssuedCredential credential = own(launch, credentialId);
		shares.revoke(credential.id(), token);
		redirect.addFlashAttribute("shareRevoked", true);
		return back(launch, credential);
	}

	/** A credit request goes with a share link of its own, so revoking it later stops that university only. */
	@PostMapping("/launches/{launchId}/credentials/{credentialId}/credit-requests")
	String requestCredit(LtiLaunch launch, @PathVariable String credentialId, @RequestParam String partner,
			@RequestParam(defaultValue = "") String message,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn,
			@RequestParam(defaultValue = "false") boolean includeArtifacts, RedirectAttributes redirect) {
		IssuedCredential credential = own(launch, credentialId);
		CredentialSettings.Partner chosen = settings.partner(partner)
			.orElseThrow(() -> new UserFacingException(HttpStatus.BAD_REQUEST, "credential.credit.partner.title",
					"credential.credit.partner.advice", "no partner " + partner));
		ShareLink link = shares.create(credential.id(), chosen.name(), expiresOn, includeArtifacts);
		creditRequests.send(credential, chosen, link.token(), launch.user().displayName(), launch.user().email(),
				message);
		redirect.addFlashAttribute("requestedAt", chosen.name());
		return back(launch, credential);
	}

	@GetMapping("/launches/{launchId}/credentials/{credentialId}/record.pdf")
	ResponseEntity<byte[]> record(LtiLaunch launch, @PathVariable String credentialId) {
		IssuedCredential credential = own(launch, credentialId);
		return records.response(credential, verification.verify(credential));
	}

	private IssuedCredential own(LtiLaunch launch, String credentialId) {
		return credentials.find(credentialId)
			.filter(credential -> credential.belongsTo(launch.personKey()))
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "credential.mine.missing.title",
					"credential.mine.missing.advice", "credential " + credentialId + " is not "
							+ launch.personKey() + "'s"));
	}

	private List<PartnerOption> partners(IssuedCredential credential) {
		return settings.partners()
			.stream()
			.map(partner -> new PartnerOption(partner.id(), partner.name(),
					partner.credits(credential.definitionId())
						.map(credits -> credits.stripTrailingZeros().toPlainString())
						.orElse(""),
					partner.instructions(), partner.contact()))
			.toList();
	}

	private static String back(LtiLaunch launch, IssuedCredential credential) {
		return "redirect:/launches/" + launch.launchId() + "/credentials/mine#credential-" + credential.id();
	}
}
