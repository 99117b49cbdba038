package org.proofwork.gradebook;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.lti.LtiLaunch;
import org.proofwork.lti.Member;
import org.proofwork.lti.NamesRoleService;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.lti.PlatformServiceException;
import org.proofwork.system.UserFacingException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The instructor's view of what reached the course's gradebook: per learner and course link, the latest decision,
 * what was sent and when, and any problem with what to do about it. Only the launch's own course, and only for
 * assessors.
 */
@Controller
class GradebookController {

	static final String VIEW = "gradebook/course";

	private static final Logger log = LoggerFactory.getLogger(GradebookController.class);

	static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	private final ScoreDeliveries deliveries;

	private final ScoreOutbox outbox;

	private final PlatformRegistry platforms;

	private final NamesRoleService roster;

	GradebookController(ScoreDeliveries deliveries, ScoreOutbox outbox, PlatformRegistry platforms,
			NamesRoleService roster) {
		this.deliveries = deliveries;
		this.outbox = outbox;
		this.platforms = platforms;
		this.roster = roster;
	}

	@GetMapping("/launches/{launchId}/gradebook")
	String show(LtiLaunch launch, Model model) {
		requireAssessor(launch);
		Roster names = names(launch);
		List<Row> rows = CourseGradebook.entries(deliveries.ofCourse(launch.courseKey()))
			.stream()
			.map(entry -> Row.of(entry, names.nameOf(entry.latest().cell().userId())))
			.sorted(Comparator.comparing(Row::link, String.CASE_INSENSITIVE_ORDER)
				.thenComparing(Row::learner, String.CASE_INSENSITIVE_ORDER))
			.toList();
		model.addAttribute("launch", launch);
		model.addAttribute("rows", rows);
		model.addAttribute("rosterUnavailable", names.unavailable());
		model.addAttribute("noGradeService", launch.ags() == null);
		return VIEW;
	}

	@PostMapping("/launches/{launchId}/gradebook/deliveries/{deliveryId}/send-again")
	String sendAgain(LtiLaunch launch, @PathVariable long deliveryId, RedirectAttributes redirect) {
		requireAssessor(launch);
		ScoreDelivery delivery = deliveries.find(deliveryId, launch.courseKey())
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "gradebook.not-found.title",
					"gradebook.not-found.advice", "delivery " + deliveryId + " not in course " + launch.courseKey()));
		boolean queued = outbox.sendAgain(delivery);
		redirect.addFlashAttribute(queued ? "sentAgain" : "notSentAgain", true);
		return "redirect:/launches/" + launch.launchId() + "/gradebook";
	}

	private static void requireAssessor(LtiLaunch launch) {
		if (!launch.isAssessor()) {
			throw new UserFacingException(HttpStatus.FORBIDDEN, "gradebook.forbidden.title",
					"gradebook.forbidden.advice", "gradebook page asked for by non-assessor " + launch.user().id());
		}
	}

	/** Learners' names from the course roster; without it (no NRPS, platform unreachable) the page shows ids. */
	private Roster names(LtiLaunch launch) {
		if (launch.nrps() == null || launch.nrps().contextMemberships() == null) {
			return new Roster(Map.of(), false);
		}
		try {
			Map<String, String> names = new HashMap<>();
			platforms.find(launch.registrationId())
				.ifPresent(platform -> roster.members(platform, launch.nrps().contextMemberships())
					.forEach(member -> names.put(member.userId(), displayName(member))));
			return new Roster(names, false);
		}
		catch (PlatformServiceException ex) {
			log.warn("Course roster unavailable for the gradebook page: {}", ex.getMessage());
			return new Roster(Map.of(), true);
		}
	}

	private static String displayName(Member member) {
		return new LtiLaunch.Person(member.userId(), member.name(), member.givenName(), member.familyName(),
				member.email()).displayName();
	}

	private record Roster(Map<String, String> names, boolean unavailable) {

		String nameOf(String userId) {
			return names.getOrDefault(userId, userId);
		}
	}

	/**
	 * One line of the page, ready to show.
	 * @param sentCode message key of what was sent; {@code sentGiven} and {@code sentMaximum} its score
	 * @param problemTitleCode what went wrong, if anything; {@code problemAdviceCode} what to do
	 */
	record Row(long deliveryId, String learner, String userId, String link, String decisionCode, String decidedAt,
			DeliveryState state, String sentCode, String sentGiven, String sentMaximum, String when, String problemTitleCode,
			String problemAdviceCode, String problemDetail, int failedAttempts, String nextAttempt,
			boolean canSendAgain, boolean clearedUntilGraded) {

		static Row of(CourseGradebook.Entry entry, String learner) {
			ScoreDelivery latest = entry.latest();
			Optional<ScoreDelivery> decision = entry.latestDecision();
			String title = latest.owed().target().resourceLinkTitle();
			String link = title == null || title.isBlank() ? latest.owed().credentialId() : title;
			String sentCode = "gradebook.sent.submitted";
			String given = "";
			String maximum = "";
			if (!latest.isSubmission()) {
				sentCode = latest.isEarned() ? "gradebook.sent.earned" : "gradebook.sent.not-yet";
				// Before the first try the column's maximum is not known yet.
				maximum = latest.scoreMaximum() == null ? "?" : number(latest.scoreMaximum());
				given = latest.scoreGiven() == null ? (latest.isEarned() ? maximum : "0") : number(latest.scoreGiven());
			}
			Instant when = latest.deliveredAt() != null ? latest.deliveredAt() : latest.updatedAt();
			DeliveryProblem problem = latest.problem();
			// Moodle drops a score that is not FullyGraded and empties the cell until the decision arrives.
			boolean cleared = latest.isSubmission() && latest.state() == DeliveryState.DELIVERED
					&& "moodle".equalsIgnoreCase(latest.owed().target().productFamily());
			return new Row(latest.id(), learner, latest.cell().userId(), link,
					decision.map(d -> d.isEarned() ? "gradebook.decision.earned" : "gradebook.decision.not-yet")
						.orElse("gradebook.decision.none"),
					decision.map(d -> WHEN.format(d.owed().occurredAt())).orElse(""), latest.state(), sentCode, given,
					maximum, WHEN.format(when), problem == null ? null : problem.titleCode(),
					problem == null ? null : problem.adviceCode(), latest.problemDetail(), latest.failedAttempts(),
					latest.nextAttemptAt() == null ? null : WHEN.format(latest.nextAttemptAt()),
					latest.state().canBeSentAgain(), cleared);
		}

		/** 1.0 as "1", 0.5 as "0.5". */
		static String number(double value) {
			return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
		}
	}
}
