package org.proofwork.review;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.lti.LtiLaunch;
import org.proofwork.submission.SubmittedVersion;
import org.proofwork.submission.Workspaces;
import org.proofwork.submission.Workspaces.SubmittedWork;
import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The educator's side of the review: the decision on each version they submitted, each component's level and
 * feedback, the overall comment, and the history of versions. Never who assessed it.
 */
@Controller
class FeedbackController {

	static final String VIEW = "review/feedback";

	private final Workspaces workspaces;

	private final Reviews reviews;

	private final CredentialCatalog catalog;

	FeedbackController(Workspaces workspaces, Reviews reviews, CredentialCatalog catalog) {
		this.workspaces = workspaces;
		this.reviews = reviews;
		this.catalog = catalog;
	}

	@GetMapping("/launches/{launchId}/feedback")
	String feedback(LtiLaunch launch, Model model) {
		if (!launch.isEducator()) {
			throw new UserFacingException(HttpStatus.FORBIDDEN, "review.feedback.educators-only.title",
					"review.feedback.educators-only.advice", "feedback page opened by " + launch.roles());
		}
		String workspaceId = workspaces.workspaceIdOf(launch)
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "review.feedback.none.title",
					"review.feedback.none.advice", "no workspace for " + launch.personKey()));
		SubmittedWork work = workspaces.submittedWork(launch.courseKey(), workspaceId)
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "review.feedback.none.title",
					"review.feedback.none.advice", "nothing submitted in " + workspaceId));
		CredentialDefinition credential = catalog.find(work.credentialId())
			.orElseThrow(() -> new IllegalStateException("Credential " + work.credentialId() + " is gone"));
		Map<Integer, ReviewDecision> decisions = new LinkedHashMap<>();
		reviews.decisions(launch.courseKey(), workspaceId).forEach(d -> decisions.put(d.workspaceVersion(), d));
		model.addAttribute("launch", launch);
		model.addAttribute("work", work);
		model.addAttribute("credential", credential);
		model.addAttribute("rubric", RubricView.of(credential, List.of()));
		List<SubmittedVersion> newestFirst = new ArrayList<>(workspaces.versions(launch.courseKey(), workspaceId));
		Collections.reverse(newestFirst);
		model.addAttribute("versions", newestFirst);
		model.addAttribute("decisions", decisions);
		model.addAttribute("workspaceBase", "/launches/" + launch.launchId() + "/workspace");
		return VIEW;
	}
}
