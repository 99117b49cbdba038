package org.proofwork.credential;

import java.math.BigDecimal;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.proofwork.credential.CreditRequests.CreditRequest;
import org.proofwork.system.ProofworkProperties;
import org.proofwork.system.UserFacingException;
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
 * A university partner's reviewer: the requests sent to their partner (and no other), the evidence behind each (the
 * educator's share link), the decision with the credits granted and a note, and the registrar's export of granted
 * credit. Which partner is the signed-in reviewer's, from configuration.
 */
@Controller
class PartnerController {

	static final String LOGIN_VIEW = "credential/partner-login";

	static final String LIST_VIEW = "credential/partner-requests";

	static final String REQUEST_VIEW = "credential/partner-request";

	private final CredentialSettings settings;

	private final CreditRequests requests;

	private final IssuedCredentials credentials;

	private final Verification verification;

	private final ShareLinks shares;

	private final GrantedCredits granted;

	private final ProofworkProperties proofwork;

	PartnerController(CredentialSettings settings, CreditRequests requests, IssuedCredentials credentials,
			Verification verification, ShareLinks shares, GrantedCredits granted, ProofworkProperties proofwork) {
		this.settings = settings;
		this.requests = requests;
		this.credentials = credentials;
		this.verification = verification;
		this.shares = shares;
		this.granted = granted;
		this.proofwork = proofwork;
	}

	@GetMapping("/partners/login")
	String login(Model model) {
		model.addAttribute("enabled", !settings.partners().isEmpty());
		return LOGIN_VIEW;
	}

	@GetMapping("/partners")
	String home() {
		return "redirect:/partners/requests";
	}

	@GetMapping("/partners/requests")
	String list(Principal reviewer, Model model) {
		CredentialSettings.Partner partner = partnerOf(reviewer);
		List<CreditRequest> all = requests.ofPartner(partner.id());
		model.addAttribute("partner", partner);
		model.addAttribute("pending", all.stream().filter(r -> r.status() == CreditRequests.Status.PENDING).toList());
		model.addAttribute("decided", all.stream().filter(r -> r.status() != CreditRequests.Status.PENDING).toList());
		return LIST_VIEW;
	}

	@GetMapping("/partners/requests/{requestId}")
	String request(Principal reviewer, @PathVariable String requestId, Model model) {
		CredentialSettings.Partner partner = partnerOf(reviewer);
		CreditRequest request = find(partner, requestId);
		IssuedCredential credential = PublicCredentialController.require(credentials, request.credentialId());
		model.addAttribute("partner", partner);
		model.addAttribute("request", request);
		model.addAttribute("report", verification.verify(credential));
		model.addAttribute("shareUrl", proofwork.url("/credentials/shared/" + request.shareToken()).toString());
		model.addAttribute("shareActive", shares.find(request.shareToken()).map(shares::active).orElse(false));
		model.addAttribute("suggestedCredits", partner.credits(request.definitionId())
			.map(credits -> credits.stripTrailingZeros().toPlainString())
			.orElse(""));
		return REQUEST_VIEW;
	}

	@PostMapping("/partners/requests/{requestId}/decision")
	String decide(Principal reviewer, @PathVariable String requestId, @RequestParam String decision,
			@RequestParam(required = false) BigDecimal credits, @RequestParam(defaultValue = "") String note,
			RedirectAttributes redirect) {
		CredentialSettings.Partner partner = partnerOf(reviewer);
		boolean accepted = switch (decision) {
			case "accept" -> true;
			case "decline" -> false;
			default -> throw new UserFacingException(HttpStatus.BAD_REQUEST, "credential.credit.decision.title",
					"credential.credit.decision.advice", "decision " + decision);
		};
		requests.decide(partner.id(), requestId, accepted, credits, note, reviewer.getName());
		redirect.addFlashAttribute("decided", accepted ? "accepted" : "declined");
		return "redirect:/partners/requests/" + requestId;
	}

	@GetMapping("/partners/export.csv")
	ResponseEntity<byte[]> exportCsv(Principal reviewer) {
		CredentialSettings.Partner partner = partnerOf(reviewer);
		return granted.csv(requests.granted(partner.id()), "granted-credit-" + partner.id() + ".csv");
	}

	@GetMapping("/partners/export.json")
	ResponseEntity<List<Map<String, Object>>> exportJson(Principal reviewer) {
		return granted.json(requests.granted(partnerOf(reviewer).id()));
	}

	private CredentialSettings.Partner partnerOf(Principal reviewer) {
		return settings.partnerOfReviewer(reviewer.getName())
			.orElseThrow(() -> new UserFacingException(HttpStatus.FORBIDDEN, "credential.partner.unknown.title",
					"credential.partner.unknown.advice", "reviewer " + reviewer.getName() + " has no partner"));
	}

	private CreditRequest find(CredentialSettings.Partner partner, String requestId) {
		return requests.find(partner.id(), requestId)
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "credential.credit.missing.title",
					"credential.credit.missing.advice", "no request " + requestId + " for " + partner.id()));
	}
}
