package org.proofwork.devplatform;

import java.util.Map;

import org.proofwork.devplatform.DemoCourse.Activity;
import org.proofwork.devplatform.DemoCourse.Member;
import org.proofwork.devplatform.DemoGradebook.LineItem;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The browser side of a launch, as it runs inside the frame of a demo LMS page: the login initiation form posted to
 * the tool, the authorization endpoint the tool sends the frame back to, and the return of a Deep Linking response.
 */
@Controller
@Profile("dev")
@RequestMapping(DemoPlatform.ROOT)
class DemoLaunchController {

	static final String AUTO_POST_VIEW = "devplatform/auto-post";

	static final String DEEP_LINK_RETURNED_VIEW = "devplatform/deep-link-returned";

	private final DemoLaunches launches;

	private final DemoDeepLinking deepLinking;

	private final DemoCourse course;

	private final DemoGradebook gradebook;

	private final DemoPlatform platform;

	DemoLaunchController(DemoLaunches launches, DemoDeepLinking deepLinking, DemoCourse course,
			DemoGradebook gradebook, DemoPlatform platform) {
		this.launches = launches;
		this.deepLinking = deepLinking;
		this.course = course;
		this.gradebook = gradebook;
		this.platform = platform;
	}

	@GetMapping("/launch/resource-link/{activityId}")
	String resourceLink(@PathVariable long activityId, @RequestParam(name = "as", required = false) String as,
			@RequestParam(defaultValue = "iframe") String target, Model model) {
		Activity activity = course.activity(activityId)
			.orElseThrow(() -> DemoRefusal.notFound("No activity " + activityId + " in the course"));
		String documentTarget = "window".equals(target) ? "window" : "iframe";
		return autoPost(model, launches.resourceLink(course.actingAs(as), activity, documentTarget),
				"devplatform.launch.opening");
	}

	@GetMapping("/launch/deep-linking")
	String deepLinking(@RequestParam(name = "as", required = false) String as, Model model) {
		return autoPost(model, launches.deepLinking(course.actingAs(as)), "devplatform.launch.opening");
	}

	@GetMapping("/launch/submission-review/{lineItemId}")
	String submissionReview(@PathVariable long lineItemId, @RequestParam(name = "as", required = false) String as,
			@RequestParam(name = "for") String forUserId, Model model) {
		LineItem lineItem = gradebook.lineItem(lineItemId)
			.orElseThrow(() -> DemoRefusal.notFound("No line item " + lineItemId + " in the course"));
		Member learner = course.member(forUserId)
			.filter(member -> member.role() == DemoCourse.Role.LEARNER)
			.orElseThrow(() -> DemoRefusal.notFound("No learner " + forUserId + " in the course"));
		return autoPost(model, launches.submissionReview(course.actingAs(as), lineItem, learner),
				"devplatform.launch.opening");
	}

	/** The OIDC authorization endpoint: the tool redirects (or posts) its authentication request here. */
	@RequestMapping(path = "/auth", method = { RequestMethod.GET, RequestMethod.POST })
	String authenticate(@RequestParam Map<String, String> request, Model model) {
		return autoPost(model, launches.authenticate(request), "devplatform.launch.signing-in");
	}

	@PostMapping("/deep-link-return")
	String deepLinkReturn(@RequestParam(name = "JWT", required = false) String jwt, Model model) {
		DemoDeepLinking.Outcome outcome = deepLinking.accept(jwt);
		model.addAttribute("outcome", outcome);
		model.addAttribute("courseUrl", platform.coursePage(outcome.user().userId())
				+ (outcome.added().isEmpty() ? "" : "&added=" + outcome.added().size()));
		return DEEP_LINK_RETURNED_VIEW;
	}

	private static String autoPost(Model model, DemoLaunches.FormPost form, String messageCode) {
		model.addAttribute("form", form);
		model.addAttribute("messageCode", messageCode);
		return AUTO_POST_VIEW;
	}
}
