package org.proofwork.system;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The administrator's sign-in page. */
@Controller
class AdminLoginController {

	static final String VIEW = "admin/login";

	private final AdminProperties admin;

	AdminLoginController(AdminProperties admin) {
		this.admin = admin;
	}

	@GetMapping("/admin/login")
	String login(Model model) {
		model.addAttribute("enabled", admin.enabled());
		return VIEW;
	}
}
