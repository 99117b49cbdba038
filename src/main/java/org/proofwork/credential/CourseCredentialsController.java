package org.proofwork.credential;

import java.util.List;

import org.proofwork.lti.LtiLaunch;
import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The credentials earned in the launch's course, for its assessors; its instructor revokes one with a reason (a
 * credential earned by mistake or by misconduct), which every verification shows from then on. Only the launch's own
 * course: a credential of another course is not found.
 */
@Controller
class CourseCredentialsController {

	static final String VIEW = "credential/course";

	private final IssuedCredentials credentials;

	private final Verification verification;

	private final Revocations revocations;

	CourseCredentialsController(IssuedCredentials credentials, Verification verification, Revocations revocations) {
		this.credentials = credentials;
		this.verification = verification;
		this.revocations = revocations;
	}

	/** A row of the list; the earner's name only for the instructor. */
	record Row(IssuedCredential credential, Verification.Report report) {
	}

	@GetMapping("/launches/{launchId}/credentials")
	String list(LtiLaunch launch, Model model) {
		CourseRoles.requireAssessor(launch);
		List<Row> rows = credentials.in(launch.courseKey())
			.stream()
			.map(credential -> new Row(credential, verification.verify(credential)))
			.toList();
		model.addAttribute("launch", launch);
		model.addAttribute("rows", rows);
		model.addAttribute("instructor", CourseRoles.isInstructor(launch));
		model.addAttribute("maxReason", Revocations.MAX_REASON);
		return VIEW;
	}

	@PostMapping("/launches/{launchId}/credentials/{credentialId}/revoke")
	String revoke(LtiLaunch launch, @PathVariable String credentialId, @RequestParam(defaultValue = "") String reason,
			RedirectAttributes redirect) {
		CourseRoles.requireInstructor(launch);
		IssuedCredential credential = credentials.find(credentialId)
			.filter(found -> found.course().equals(launch.courseKey()))
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "credential.course.missing.title",
					"credential.course.missing.advice", "credential " + credentialId + " not in " + launch.courseKey()));
		revocations.revoke(credential.id(), reason,
				"instructor:" + launch.registrationId() + ":" + launch.user().id());
		redirect.addFlashAttribute("revoked", credential.title());
		return "redirect:/launches/" + launch.launchId() + "/credentials";
	}
}
