package org.proofwork.lti;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's page for platform registrations and the tool's keys ({@code /admin/platforms}, behind the
 * admin sign-in).
 */
@Controller
class PlatformAdminController {

	static final String VIEW = "admin/platforms";

	private final PlatformRegistry registry;

	private final PlatformImport imports;

	private final ToolKeys keys;

	PlatformAdminController(PlatformRegistry registry, PlatformImport imports, ToolKeys keys) {
		this.registry = registry;
		this.imports = imports;
		this.keys = keys;
	}

	/** What the add form posts; kept as typed when it is refused, so nothing needs typing twice. */
	record PlatformForm(String name, String issuer, String clientId, String authorizationEndpoint,
			String tokenEndpoint, String jwksUri, String deploymentIds, String frameOrigins) {

		static PlatformForm empty() {
			return new PlatformForm("", "", "", "", "", "", "", "");
		}

		PlatformDetails details() {
			return new PlatformDetails(name, issuer, clientId, uri(authorizationEndpoint, "authorization endpoint"),
					uri(tokenEndpoint, "token endpoint"), uri(jwksUri, "JWKS URL"), new LinkedHashSet<>(lines(deploymentIds)),
					lines(frameOrigins).stream().toList());
		}

		private static java.util.List<String> lines(String text) {
			return text == null ? java.util.List.of()
					: Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		}

		private static URI uri(String text, String what) {
			try {
				return text == null || text.isBlank() ? null : URI.create(text.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("The platform's " + what + " is not a URL: " + text);
			}
		}
	}

	@InitBinder
	void noIds(WebDataBinder binder) {
		binder.setDisallowedFields("id");
	}

	@GetMapping("/admin/platforms")
	String page(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", PlatformForm.empty());
		}
		model.addAttribute("platforms", registry.all());
		model.addAttribute("signingKid", keys.signingKey().getKeyID());
		return VIEW;
	}

	@PostMapping("/admin/platforms")
	String save(@ModelAttribute("form") PlatformForm form, Model model, RedirectAttributes redirect) {
		try {
			Platform saved = registry.register(form.details(), Platform.Source.ADMIN);
			redirect.addFlashAttribute("saved", saved.name());
			return "redirect:/admin/platforms";
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("problem", ex.getMessage());
			return page(model);
		}
	}

	@PostMapping("/admin/platforms/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		registry.delete(id);
		redirect.addFlashAttribute("deleted", true);
		return "redirect:/admin/platforms";
	}

	@PostMapping("/admin/platforms/import")
	String importFile(@RequestParam("file") MultipartFile file, Model model, RedirectAttributes redirect)
			throws IOException {
		try {
			int count = imports.importJson(new String(file.getBytes(), StandardCharsets.UTF_8));
			redirect.addFlashAttribute("imported", count);
			return "redirect:/admin/platforms";
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("problem", ex.getMessage());
			return page(model);
		}
	}

	@PostMapping("/admin/keys/rotate")
	String rotate(RedirectAttributes redirect) {
		redirect.addFlashAttribute("rotated", keys.rotate());
		return "redirect:/admin/platforms";
	}
}
