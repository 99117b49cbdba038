package org.proofwork.devplatform;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.proofwork.devplatform.DemoCourse.Activity;
import org.proofwork.devplatform.DemoCourse.Member;
import org.proofwork.devplatform.DemoGradebook.LineItem;
import org.proofwork.devplatform.DemoGradebook.Score;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages a person clicks through in the demo LMS: the home page with Dynamic Registration, the course with its
 * "act as" switcher and activities, the gradebook, and the pages that frame a launch. Who the person is comes from
 * {@code ?as=<user id>}: a local demo needs no sign-in, and switching people is the point.
 */
@Controller
@Profile("dev")
@RequestMapping(DemoPlatform.ROOT)
class DemoPagesController {

	static final String HOME_VIEW = "devplatform/home";

	static final String COURSE_VIEW = "devplatform/course";

	static final String GRADEBOOK_VIEW = "devplatform/gradebook";

	static final String FRAMED_LAUNCH_VIEW = "devplatform/framed-launch";

	/** An activity with its gradebook columns. */
	record ActivityView(Activity activity, List<LineItem> lineItems) {
	}

	/** One learner's row of the gradebook. */
	record GradebookRow(Member learner, List<GradebookCell> cells) {
	}

	/** Its methods are public because the page template calls them. */
	record GradebookCell(LineItem lineItem, Score score) {

		/** The grade on the column's scale, as the gradebook shows it, or null when there is none. */
		public String shown() {
			Double grade = score == null ? null : score.gradebookScore(lineItem);
			return grade == null ? null : DemoGradebook.shown(grade) + " / " + lineItem.scoreMaximumShown();
		}

		/** What the tool posted, when it used another scale than the column's. */
		public String posted() {
			if (score == null || score.scoreGiven() == null || score.scoreMaximum() == lineItem.scoreMaximum()) {
				return null;
			}
			return DemoGradebook.shown(score.scoreGiven()) + " / " + DemoGradebook.shown(score.scoreMaximum());
		}
	}

	private final DemoToolRegistration registration;

	private final DemoCourse course;

	private final DemoGradebook gradebook;

	private final DemoPlatform platform;

	DemoPagesController(DemoToolRegistration registration, DemoCourse course, DemoGradebook gradebook,
			DemoPlatform platform) {
		this.registration = registration;
		this.course = course;
		this.gradebook = gradebook;
		this.platform = platform;
	}

	@GetMapping({ "", "/" })
	String home(HttpServletRequest request, Model model) {
		// Opened at another name of this machine (127.0.0.1 for localhost), the tool's cookies and frames would be
		// cross-site: send the person to the address the tool knows itself by.
		if (!platform.isPublicOrigin(URI.create(request.getRequestURL().toString()))) {
			return "redirect:" + platform.issuer();
		}
		model.addAttribute("tool", registration.current().orElse(null));
		model.addAttribute("registrationUrl", platform.toolRegistration(registration.newRegistrationToken()));
		model.addAttribute("toolOrigin", platform.toolOrigin());
		model.addAttribute("addresses", Map.of("issuer", platform.issuer(), "openid", platform.openIdConfiguration(), "jwks",
				platform.jwks(), "auth", platform.authorization(), "token", platform.token(), "deployment",
				DemoToolRegistration.DEPLOYMENT_ID));
		model.addAttribute("actor", course.instructor());
		return HOME_VIEW;
	}

	@GetMapping("/course")
	String course(@RequestParam(name = "as", required = false) String as,
			@RequestParam(required = false) Integer added, Model model) {
		Member actor = course.actingAs(as);
		model.addAttribute("actor", actor);
		model.addAttribute("members", course.members());
		model.addAttribute("courseTitle", DemoCourse.TITLE);
		model.addAttribute("tool", registration.current().orElse(null));
		model.addAttribute("activities", course.activities()
			.stream()
			.map(activity -> new ActivityView(activity, gradebook.lineItemsOf(activity.id())))
			.toList());
		model.addAttribute("canAddActivity", actor.role() == DemoCourse.Role.INSTRUCTOR && registration.current()
			.map(tool -> tool.supports(LtiVocabulary.DEEP_LINKING_REQUEST))
			.orElse(false));
		model.addAttribute("added", added);
		return COURSE_VIEW;
	}

	@GetMapping("/course/add-activity")
	String addActivity(@RequestParam(name = "as", required = false) String as, Model model) {
		Member actor = course.actingAs(as);
		return framed(model, actor, "devplatform.add.title", "devplatform.add.lead", null,
				platform.url("/launch/deep-linking?as=" + actor.userId()), null);
	}

	@GetMapping("/course/activities/{activityId}")
	String activity(@PathVariable long activityId, @RequestParam(name = "as", required = false) String as,
			Model model) {
		Member actor = course.actingAs(as);
		Activity activity = course.activity(activityId)
			.orElseThrow(() -> DemoRefusal.notFound("No activity " + activityId + " in the course"));
		String launch = platform.url("/launch/resource-link/" + activityId + "?as=" + actor.userId());
		return framed(model, actor, "devplatform.activity.title", "devplatform.activity.lead", activity.title(),
				launch + "&target=iframe", launch + "&target=window");
	}

	@GetMapping("/gradebook")
	String gradebook(@RequestParam(name = "as", required = false) String as, Model model) {
		Member actor = course.actingAs(as);
		List<LineItem> lineItems = gradebook.lineItems();
		List<Member> learners = actor.role().teaches() ? course.learners() : List.of(actor);
		model.addAttribute("actor", actor);
		model.addAttribute("members", course.members());
		model.addAttribute("courseTitle", DemoCourse.TITLE);
		model.addAttribute("lineItems", lineItems);
		model.addAttribute("rows", learners.stream()
			.map(learner -> new GradebookRow(learner, lineItems.stream()
				.map(item -> new GradebookCell(item, gradebook.score(item.id(), learner.userId()).orElse(null)))
				.toList()))
			.toList());
		model.addAttribute("canReview", actor.role().teaches() && registration.current()
			.map(tool -> tool.supports(LtiVocabulary.SUBMISSION_REVIEW_REQUEST))
			.orElse(false));
		return GRADEBOOK_VIEW;
	}

	@GetMapping("/gradebook/review")
	String review(@RequestParam long lineItem, @RequestParam(name = "for") String forUserId,
			@RequestParam(name = "as", required = false) String as, Model model) {
		Member actor = course.actingAs(as);
		LineItem item = gradebook.lineItem(lineItem)
			.orElseThrow(() -> DemoRefusal.notFound("No line item " + lineItem + " in the course"));
		Member learner = course.member(forUserId)
			.orElseThrow(() -> DemoRefusal.notFound("No member " + forUserId + " in the course"));
		return framed(model, actor, "devplatform.review.title", "devplatform.review.lead",
				learner.name() + " · " + item.label(), platform.url("/launch/submission-review/" + item.id() + "?as="
						+ actor.userId() + "&for=" + learner.userId()),
				null);
	}

	private String framed(Model model, Member actor, String titleCode, String leadCode, String subject,
			String frameSrc, String newWindowUrl) {
		model.addAttribute("actor", actor);
		model.addAttribute("members", course.members());
		model.addAttribute("titleCode", titleCode);
		model.addAttribute("leadCode", leadCode);
		model.addAttribute("subject", subject);
		model.addAttribute("frameSrc", frameSrc);
		model.addAttribute("newWindowUrl", newWindowUrl);
		return FRAMED_LAUNCH_VIEW;
	}
}
