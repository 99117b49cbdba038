package org.proofwork.credential;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tool administrator's list of issued credentials (newest first), where any one can be revoked with a reason,
 * and the export of all credit granted by every partner. Under {@code /admin/**}, so only the administrator's
 * sign-in reaches it.
 */
@Controller
class CredentialAdminController {

	static final String VIEW = "credential/admin";

	/** A page, not an archive: the newest credentials are the ones an administrator acts on. */
	static final int LIMIT = 500;

	private final IssuedCredentials credentials;

	private final Revocations revocations;

	private final CreditRequests creditRequests;

	private final GrantedCredits granted;

	CredentialAdminController(IssuedCredentials credentials, Revocations revocations, CreditRequests creditRequests,
			GrantedCredits granted) {
		this.credentials = credentials;
		this.revocations = revocations;
		this.creditRequests = creditRequests;
		this.granted = granted;
	}

	record Row(IssuedCredential credential, Optional<Revocations.Revocation> revocation) {
	}

	@GetMapping("/admin/credentials")
	String list(Model model) {
		List<Row> rows = credentials.newest(LIMIT)
			.stream()
			.map(credential -> new Row(credential, revocations.of(credential.id())))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("limit", LIMIT);
		model.addAttribute("maxReason", Revocations.MAX_REASON);
		return VIEW;
	}

	@PostMapping("/admin/credentials/{credentialId}/revoke")
	String revoke(@PathVariable String credentialId, @RequestParam(defaultValue = "") String reason,
			Principal admin, RedirectAttributes redirect) {
		IssuedCredential credential = PublicCredentialController.require(credentials, credentialId);
		revocations.revoke(credential.id(), reason, "admin:" + admin.getName());
		redirect.addFlashAttribute("revoked", credential.id());
		return "redirect:/admin/credentials";
	}

	@GetMapping("/admin/credits.csv")
	ResponseEntity<byte[]> credits() {
		return granted.csv(creditRequests.granted(null), "granted-credit.csv");
	}
}
