package org.proofwork.review;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.lti.LtiLaunch;
import org.proofwork.review.ReviewSettings.Assessor;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A course's review settings: one assessor (the default) or double-blind scoring by two assessors chosen from the
 * course roster. Every assessor may read them; only the instructor changes them.
 */
@Controller
class ReviewSettingsController {

	static final String VIEW = "review/settings";

	private static final Logger log = LoggerFactory.getLogger(ReviewSettingsController.class);

	private final CourseReviewSettings settings;

	private final CourseAssessors assessors;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ReviewSettingsController(CourseReviewSettings settings, CourseAssessors assessors,
			TransactionTemplate transactions, Clock clock) {
		this.settings = settings;
		this.assessors = assessors;
		this.transactions = transactions;
		this.clock = clock;
	}

	@GetMapping("/launches/{launchId}/review/settings")
	String show(LtiLaunch launch, Model model) {
		CourseRoles.requireAssessor(launch);
		ReviewSettings current = settings.of(launch.courseKey());
		model(model, launch, current.doubleBlind(), current.first().map(Assessor::subject).orElse(""),
				current.second().map(Assessor::subject).orElse(""), assessors.of(launch), null);
		return VIEW;
	}

	@PostMapping("/launches/{launchId}/review/settings")
	String save(LtiLaunch launch, @RequestParam(defaultValue = "false") boolean doubleBlind,
			@RequestParam(defaultValue = "") String first, @RequestParam(defaultValue = "") String second,
			Model model, RedirectAttributes redirect) {
		CourseRoles.requireAssessor(launch);
		CourseRoles.requireInstructor(launch, "review settings");
		Optional<List<Assessor>> roster = assessors.of(launch);
		ReviewSettings chosen;
		if (doubleBlind) {
			String problem = null;
			Optional<Assessor> firstAssessor = roster.flatMap(list -> find(list, first));
			Optional<Assessor> secondAssessor = roster.flatMap(list -> find(list, second));
			if (roster.isEmpty()) {
				problem = "review.settings.problem.no-roster";
			}
			else if (firstAssessor.isEmpty() || secondAssessor.isEmpty()) {
				problem = "review.settings.problem.choose-two";
			}
			else if (first.equals(second)) {
				problem = "review.settings.problem.same";
			}
			if (problem != null) {
				model(model, launch, true, first, second, roster, problem);
				return VIEW;
			}
			chosen = new ReviewSettings(true, firstAssessor, secondAssessor);
		}
		else {
			chosen = ReviewSettings.ONE_ASSESSOR;
		}
		transactions.executeWithoutResult(
				status -> settings.save(launch.courseKey(), chosen, launch.user().id(), clock.instant()));
		log.info("Review settings of {} set by {}: double-blind {}", launch.courseKey(), launch.user().id(),
				chosen.doubleBlind());
		redirect.addFlashAttribute("settingsSaved", true);
		return "redirect:" + ReviewController.base(launch);
	}

	private static Optional<Assessor> find(List<Assessor> roster, String subject) {
		return roster.stream().filter(assessor -> assessor.subject().equals(subject)).findFirst();
	}

	private void model(Model model, LtiLaunch launch, boolean doubleBlind, String first, String second,
			Optional<List<Assessor>> roster, String problem) {
		model.addAttribute("launch", launch);
		model.addAttribute("base", ReviewController.base(launch));
		model.addAttribute("instructor", CourseRoles.isInstructor(launch));
		model.addAttribute("doubleBlind", doubleBlind);
		model.addAttribute("first", first);
		model.addAttribute("second", second);
		model.addAttribute("rosterAvailable", roster.isPresent());
		model.addAttribute("assessors", roster.orElse(List.of()));
		model.addAttribute("problem", problem);
		model.addAttribute("current", settings.of(launch.courseKey()));
	}
}
