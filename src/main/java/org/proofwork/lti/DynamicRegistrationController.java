package org.proofwork.lti;

import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /lti/register}: the URL an LMS administrator pastes into the LMS. The LMS opens it in a frame or window;
 * the page that answers closes it again with the {@code org.imsglobal.lti.close} message.
 */
@Controller
class DynamicRegistrationController {

	static final String VIEW = "lti/registered";

	private final DynamicRegistration registration;

	DynamicRegistrationController(DynamicRegistration registration) {
		this.registration = registration;
	}

	@GetMapping("/lti/register")
	String register(@RequestParam(name = "openid_configuration", required = false) String configuration,
			@RequestParam(name = "registration_token", required = false) String token, Model model) {
		if (configuration == null || configuration.isBlank()) {
			throw new UserFacingException(HttpStatus.BAD_REQUEST, "lti.registration.direct.title",
					"lti.registration.direct.advice", "register without openid_configuration");
		}
		DynamicRegistration.Result result = registration.register(configuration, token);
		model.addAttribute("platform", result.platform());
		model.addAttribute("moodle", "moodle".equalsIgnoreCase(result.productFamily()));
		return VIEW;
	}
}
