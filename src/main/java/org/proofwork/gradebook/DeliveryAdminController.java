package org.proofwork.gradebook;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
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
 * The tool administrator's list of scores that did not reach a gradebook: parked ones (they kept failing: a platform
 * down for hours, a misconfigured registration) first, then those a platform refused. Each can be sent again. Under
 * {@code /admin/**}, so only the administrator's sign-in reaches it.
 */
@Controller
class DeliveryAdminController {

	static final String VIEW = "gradebook/admin-deliveries";

	/** A page, not an export: the newest problems are the ones to act on. */
	static final int LIMIT = 500;

	private final ScoreDeliveries deliveries;

	private final ScoreOutbox outbox;

	private final PlatformRegistry platforms;

	DeliveryAdminController(ScoreDeliveries deliveries, ScoreOutbox outbox, PlatformRegistry platforms) {
		this.deliveries = deliveries;
		this.outbox = outbox;
		this.platforms = platforms;
	}

	@GetMapping("/admin/deliveries")
	String list(Model model) {
		Map<Long, String> platformNames = platforms.all()
			.stream()
			.collect(Collectors.toMap(Platform::id, Platform::name, (a, b) -> a));
		List<Row> rows = deliveries.needingAttention(LIMIT)
			.stream()
			.map(delivery -> Row.of(delivery, platformNames))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("parked", deliveries.parkedPerPlatform()
			.entrySet()
			.stream()
			.map(entry -> new ParkedPlatform(entry.getKey(),
					platformNames.getOrDefault(entry.getKey(), "#" + entry.getKey()), entry.getValue()))
			.toList());
		model.addAttribute("limit", LIMIT);
		return VIEW;
	}

	@PostMapping("/admin/deliveries/{deliveryId}/retry")
	String retry(@PathVariable long deliveryId, RedirectAttributes redirect) {
		ScoreDelivery delivery = deliveries.find(deliveryId)
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "gradebook.not-found.title",
					"gradebook.not-found.advice", "no delivery " + deliveryId));
		boolean queued = outbox.sendAgain(delivery);
		redirect.addFlashAttribute(queued ? "sentAgain" : "notSentAgain", deliveryId);
		return "redirect:/admin/deliveries";
	}

	/** Every parked score of one platform back in the queue, for when a platform that was down for hours is back. */
	@PostMapping("/admin/deliveries/retry-parked")
	String retryParked(@RequestParam long platform, RedirectAttributes redirect) {
		String name = platforms.all()
			.stream()
			.filter(candidate -> candidate.id() == platform)
			.map(Platform::name)
			.findFirst()
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "gradebook.not-found.title",
					"gradebook.not-found.advice", "no platform " + platform));
		int queued = outbox.sendParkedAgain(platform);
		redirect.addFlashAttribute("parkedSentAgain", queued);
		redirect.addFlashAttribute("parkedSentAgainPlatform", name);
		return "redirect:/admin/deliveries";
	}

	/** A platform with parked scores, and how many. */
	record ParkedPlatform(long platformId, String platform, long parked) {
	}

	/** One line of the admin list. */
	record Row(long deliveryId, String platform, String course, String link, String userId, DeliveryState state,
			String problemTitleCode, String problemDetail, int failedAttempts, String updated) {

		static Row of(ScoreDelivery delivery, Map<Long, String> platformNames) {
			Cell cell = delivery.cell();
			String link = delivery.owed().target().resourceLinkTitle();
			return new Row(delivery.id(),
					platformNames.getOrDefault(cell.registrationId(), "#" + cell.registrationId()),
					delivery.owed().contextId(), link == null || link.isBlank() ? cell.resourceLinkId() : link,
					cell.userId(), delivery.state(),
					delivery.problem() == null ? null : delivery.problem().titleCode(), delivery.problemDetail(),
					delivery.failedAttempts(), GradebookController.WHEN.format(delivery.updatedAt()));
		}
	}
}
