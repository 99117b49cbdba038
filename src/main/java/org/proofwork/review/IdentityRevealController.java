package org.proofwork.review;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.lti.LtiLaunch;
import org.proofwork.submission.Workspaces;
import org.proofwork.submission.Workspaces.SubmittedWork;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The one way past blind review: the course's instructor asks, on purpose (a POST, never a link), who is behind a
 * blind code. The reveal is logged before a name is read, so no name is ever shown without its audit row.
 */
@Controller
class IdentityRevealController {

	static final String VIEW = "review/identities";

	private static final Logger log = LoggerFactory.getLogger(IdentityRevealController.class);

	private final Reviews reviews;

	private final Workspaces workspaces;

	private final IdentityReveals reveals;

	private final BlindCodes codes;

	private final TransactionTemplate transactions;

	private final Clock clock;

	IdentityRevealController(Reviews reviews, Workspaces workspaces, IdentityReveals reveals, BlindCodes codes,
			TransactionTemplate transactions, Clock clock) {
		this.reviews = reviews;
		this.workspaces = workspaces;
		this.reveals = reveals;
		this.codes = codes;
		this.transactions = transactions;
		this.clock = clock;
	}

	@PostMapping("/launches/{launchId}/review/{workspaceId}/reveal")
	String reveal(LtiLaunch launch, @PathVariable String workspaceId, Model model) {
		CourseRoles.requireAssessor(launch);
		CourseRoles.requireInstructor(launch, "identity reveal");
		SubmittedWork work = reviews.work(launch.courseKey(), workspaceId);
		transactions.executeWithoutResult(status -> reveals.record(launch.courseKey(), work.workspaceId(),
				launch.user().id(), clock.instant()));
		log.info("Identity behind workspace {} revealed to instructor {} in {}", work.workspaceId(),
				launch.user().id(), launch.courseKey());
		model.addAttribute("launch", launch);
		model.addAttribute("base", ReviewController.base(launch));
		model.addAttribute("code", codes.of(work.workspaceId()));
		model.addAttribute("workspaceId", work.workspaceId());
		model.addAttribute("members", workspaces.members(launch.courseKey(), work.workspaceId()));
		return VIEW;
	}
}
