package org.proofwork.review;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.catalog.RubricComponent;
import org.proofwork.evidence.EvidenceFile;
import org.proofwork.evidence.EvidenceFiles;
import org.proofwork.lti.CourseKey;
import org.proofwork.lti.LinkPlacements;
import org.proofwork.lti.LtiLaunch;
import org.proofwork.submission.Answers;
import org.proofwork.submission.SubmittedVersion;
import org.proofwork.submission.Workspaces;
import org.proofwork.submission.Workspaces.Submission;
import org.proofwork.submission.Workspaces.SubmittedWork;
import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The assessors' pages: the course's queue, the review of one submission (the submission beside the rubric), the
 * scoring form and its evidence files. Every workspace is looked up within the launch's own course, so an id from
 * another course answers 404.
 */
@Controller
class ReviewController {

	static final String QUEUE = "review/queue";

	static final String REVIEW = "review/review";

	private final Reviews reviews;

	private final ReviewQueue queue;

	private final Workspaces workspaces;

	private final EvidenceFiles evidence;

	private final BlindCodes codes;

	private final LinkPlacements placements;

	private final CredentialCatalog catalog;

	/**
	 * What a page shows is read in one read-only transaction: one consistent snapshot, and the connection's
	 * transaction set up once instead of around each of a dozen reads.
	 */
	private final TransactionTemplate reading;

	ReviewController(Reviews reviews, ReviewQueue queue, Workspaces workspaces, EvidenceFiles evidence,
			BlindCodes codes, LinkPlacements placements, CredentialCatalog catalog,
			PlatformTransactionManager transactions) {
		this.reviews = reviews;
		this.queue = queue;
		this.workspaces = workspaces;
		this.evidence = evidence;
		this.codes = codes;
		this.placements = placements;
		this.catalog = catalog;
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
	}

	@GetMapping("/launches/{launchId}/review")
	String queue(LtiLaunch launch, @RequestParam(name = "missing", defaultValue = "false") boolean missing,
			Model model) {
		CourseRoles.requireAssessor(launch);
		ReviewSettings settings = reviews.settings(launch.courseKey());
		model.addAttribute("launch", launch);
		model.addAttribute("base", base(launch));
		model.addAttribute("stages", queue.of(launch.courseKey(), settings, launch.user().id()));
		model.addAttribute("settings", settings);
		model.addAttribute("instructor", CourseRoles.isInstructor(launch));
		model.addAttribute("missingForUser", missing);
		// A link made by hand in the LMS opens no credential until an instructor chooses one; the queue is where
		// assessors arrive, so the choice is offered here.
		model.addAttribute("placed", placements.credentialOf(launch).flatMap(catalog::find).orElse(null));
		model.addAttribute("credentials", catalog.all());
		return QUEUE;
	}

	@GetMapping("/launches/{launchId}/review/{workspaceId}")
	String review(LtiLaunch launch, @PathVariable String workspaceId,
			@RequestParam(name = "version", required = false) Integer version, Model model) {
		CourseRoles.requireAssessor(launch);
		CourseKey course = launch.courseKey();
		code(model, workspaceId);
		SubmittedWork work = reading.execute(status -> {
			Submission submission = reviews.submission(course, workspaceId);
			page(model, launch, submission, version == null ? submission.work().latestVersion() : version, null, null);
			return submission.work();
		});
		if (version == null || version == work.latestVersion()) {
			// After the page is read, which shows submitted work and work under review alike: the first opening by
			// an assessor who scores marks the work under review (its own transaction); every later one only reads.
			reviews.opened(launch, work);
		}
		return REVIEW;
	}

	@PostMapping("/launches/{launchId}/review/{workspaceId}")
	String score(LtiLaunch launch, @PathVariable String workspaceId, @RequestParam int version,
			@RequestParam int revision, @RequestParam(defaultValue = "save") String action, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		CourseRoles.requireAssessor(launch);
		SubmittedWork work = reviews.work(launch.courseKey(), workspaceId);
		ScoreSheet sheet = ScoreSheet.fromForm(reviews.credential(work), request.getParameterMap(),
				ScoreSheet.COMMENT_LENGTH, ScoreSheet.OVERALL_LENGTH);
		Reviews.Result result = reviews.score(launch, workspaceId, version, revision, sheet, action(action));
		if (result instanceof Reviews.Result.Conflict conflict) {
			response.setStatus(HttpStatus.CONFLICT.value());
			code(model, workspaceId);
			reading.executeWithoutResult(status -> page(model, launch,
					reviews.submission(launch.courseKey(), workspaceId), version, conflict.yours(), null));
			return REVIEW;
		}
		if (!(result instanceof Reviews.Result.Decided)) {
			// Scores saved without opening the page first (another tab, a form kept open) also start the review.
			reviews.opened(launch, work);
		}
		outcome(result, redirect);
		return "redirect:" + base(launch) + "/" + workspaceId + "#rubric";
	}

	@PostMapping("/launches/{launchId}/review/{workspaceId}/reconcile")
	String reconcile(LtiLaunch launch, @PathVariable String workspaceId, @RequestParam int version,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		CourseRoles.requireInstructor(launch, "reconcile");
		SubmittedWork work = reviews.work(launch.courseKey(), workspaceId);
		// The reconciliation starts from both assessors' comments together, so it may be twice as long.
		ScoreSheet sheet = ScoreSheet.fromForm(reviews.credential(work), request.getParameterMap(),
				2 * ScoreSheet.COMMENT_LENGTH + 2, 2 * ScoreSheet.OVERALL_LENGTH + 2);
		Reviews.Result result = reviews.reconcile(launch, workspaceId, version, sheet);
		if (result instanceof Reviews.Result.Unscored unscored) {
			// Shown again with what the instructor chose, so nothing typed is lost.
			model.addAttribute("unscored", titles(unscored.components()));
			code(model, workspaceId);
			reading.executeWithoutResult(status -> page(model, launch,
					reviews.submission(launch.courseKey(), workspaceId), version, null, sheet));
			return REVIEW;
		}
		outcome(result, redirect);
		return "redirect:" + base(launch) + "/" + workspaceId + "#rubric";
	}

	@GetMapping("/launches/{launchId}/review/{workspaceId}/files/{fileId}")
	ResponseEntity<StreamingResponseBody> file(LtiLaunch launch, @PathVariable String workspaceId,
			@PathVariable String fileId, @RequestParam(defaultValue = "false") boolean thumbnail,
			@RequestParam(defaultValue = "false") boolean inline, HttpServletRequest request) {
		CourseRoles.requireAssessor(launch);
		CourseKey course = launch.courseKey();
		// Twenty of these follow every review page of a photo essay: one workspace read and one versions read, in
		// one read-only transaction with the file's own rows; the bytes stream afterwards, outside it.
		return reading.execute(status -> {
			Submission submission = workspaces.submission(course, workspaceId).orElseThrow(() -> notFound(workspaceId));
			// Assessors see what was submitted; files of a draft in progress stay the educator's.
			boolean submitted = submission.versions().stream()
				.anyMatch(version -> fileIds(version.answers()).contains(fileId));
			if (!submitted) {
				throw notFound(fileId);
			}
			return evidence.serve(submission.evidenceOwner(), fileId, thumbnail, inline,
					request.getHeader(HttpHeaders.RANGE));
		});
	}

	/**
	 * The submission's blind code, before the page is read: the first code ever made creates the course-wide secret,
	 * a write that has no place in the read-only transaction.
	 */
	private void code(Model model, String workspaceId) {
		model.addAttribute("code", codes.of(workspaceId));
	}

	/** Everything else the review page shows; the caller runs it in {@link #reading}. */
	private void page(Model model, LtiLaunch launch, Submission submission, int shown, ScoreSheet conflicting,
			ScoreSheet reconciling) {
		CourseKey course = launch.courseKey();
		SubmittedWork work = submission.work();
		String workspaceId = work.workspaceId();
		CredentialDefinition credential = reviews.credential(work);
		SubmittedVersion version = submission.version(shown)
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "review.version.missing.title",
					"review.version.missing.advice", "no version " + shown + " of " + workspaceId));
		Map<Integer, ReviewDecision> decisions = new LinkedHashMap<>();
		reviews.decisions(course, workspaceId).forEach(d -> decisions.put(d.workspaceVersion(), d));
		ReviewSettings settings = reviews.settings(course);
		boolean open = reviews.open(work, shown, decisions);
		Optional<String> seat = settings.seatOf(launch.user().id());
		List<RubricScore> scores = reviews.scoresOf(workspaceId, shown);
		Optional<RubricScore> mine = seat
			.flatMap(s -> scores.stream().filter(score -> score.assessorSubject().equals(s)).findFirst());
		PanelRound round = PanelRound.of(settings, scores);

		model.addAttribute("launch", launch);
		model.addAttribute("base", base(launch));
		model.addAttribute("page", base(launch) + "/" + workspaceId);
		model.addAttribute("work", work);
		model.addAttribute("credential", credential);
		model.addAttribute("version", version);
		model.addAttribute("versions", submission.versions());
		model.addAttribute("decisions", decisions);
		model.addAttribute("decision", decisions.get(shown));
		model.addAttribute("latest", shown == work.latestVersion());
		model.addAttribute("open", open);

		model.addAttribute("sections", workspaces.sectionViews(version));
		model.addAttribute("all", version.answers());
		Map<String, EvidenceFile> files = new LinkedHashMap<>();
		Set<String> submitted = fileIds(version.answers());
		evidence.list(submission.evidenceOwner())
			.stream()
			.filter(file -> submitted.contains(file.id()))
			.forEach(file -> files.put(file.id(), file));
		model.addAttribute("files", files);
		model.addAttribute("fileBase", base(launch) + "/" + workspaceId + "/files");
		model.addAttribute("rubric", RubricView.of(credential, version.checks()));

		model.addAttribute("settings", settings);
		model.addAttribute("instructor", CourseRoles.isInstructor(launch));
		model.addAttribute("onPanel", settings.onPanel(launch.user().id()));
		model.addAttribute("canScore", open && seat.isPresent() && mine.map(s -> !s.submitted()).orElse(true));
		model.addAttribute("mineSubmitted", mine.filter(RubricScore::submitted).isPresent());
		model.addAttribute("sheet", mine.map(RubricScore::sheet).orElse(ScoreSheet.EMPTY));
		model.addAttribute("revision", mine.map(RubricScore::version).orElse(0));
		model.addAttribute("savedAt", mine.map(score -> ReviewDecision.SHOWN.format(score.savedAt())).orElse(null));
		model.addAttribute("round", round);
		model.addAttribute("disagreements",
				round.disagreements(credential).stream().map(RubricComponent::title).toList());
		model.addAttribute("canReconcile",
				open && round.needsReconciliation(credential) && CourseRoles.isInstructor(launch));
		model.addAttribute("reconcileSheet",
				reconciling != null ? reconciling : round.reconciliationDraft(credential));
		model.addAttribute("conflict", conflicting);
	}

	private static void outcome(Reviews.Result result, RedirectAttributes redirect) {
		if (result instanceof Reviews.Result.Saved) {
			redirect.addFlashAttribute("saved", true);
		}
		else if (result instanceof Reviews.Result.Unscored unscored) {
			redirect.addFlashAttribute("unscored", titles(unscored.components()));
		}
		else if (result instanceof Reviews.Result.Submitted submitted) {
			redirect.addFlashAttribute("submitted", submitted.disagreement() ? "disagreement" : "waiting");
		}
		else if (result instanceof Reviews.Result.Decided decided) {
			redirect.addFlashAttribute("decided", decided.decision().outcome().name());
		}
		else {
			throw new IllegalStateException("Shown on the page, not after a redirect: " + result);
		}
	}

	private static List<String> titles(List<RubricComponent> components) {
		return components.stream().map(RubricComponent::title).toList();
	}

	private static Reviews.Action action(String action) {
		return switch (action) {
			case "save" -> Reviews.Action.SAVE;
			case "decide" -> Reviews.Action.DECIDE;
			case "submit" -> Reviews.Action.SUBMIT;
			default -> throw new UserFacingException(HttpStatus.BAD_REQUEST, "review.form.invalid.title",
					"review.form.invalid.advice", "unknown action " + action);
		};
	}

	/** Every evidence file a version refers to: the section's own files and those of each item. */
	static Set<String> fileIds(Answers answers) {
		Set<String> ids = new LinkedHashSet<>();
		answers.sections().values().forEach(section -> {
			section.files().values().forEach(ids::addAll);
			section.groups().values().forEach(items -> items.forEach(item -> item.files().values().forEach(ids::addAll)));
		});
		return ids;
	}

	static String base(LtiLaunch launch) {
		return "/launches/" + launch.launchId() + "/review";
	}

	private static UserFacingException notFound(String what) {
		return new UserFacingException(HttpStatus.NOT_FOUND, "review.missing.title", "review.missing.advice",
				"nothing called " + what + " in this course");
	}
}
