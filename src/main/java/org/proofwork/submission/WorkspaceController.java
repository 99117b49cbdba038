package org.proofwork.submission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.evidence.EvidenceFile;
import org.proofwork.evidence.EvidenceFiles;
import org.proofwork.lti.LinkPlacements;
import org.proofwork.lti.LtiLaunch;
import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The educator's workspace pages, inside the LMS frame: the overview, one page per section, the credential's text,
 * the review before submitting, and the submitted versions.
 */
@Controller
class WorkspaceController {

	static final String OVERVIEW = "workspace/overview";

	static final String SECTION = "workspace/section";

	static final String CREDENTIAL = "workspace/credential";

	static final String SUBMIT = "workspace/submit";

	static final String VERSION = "workspace/version";

	private final Workspaces workspaces;

	private final LinkPlacements placements;

	private final org.proofwork.catalog.CredentialCatalog catalog;

	private final CourseRoster roster;

	private final EvidenceFiles evidence;

	WorkspaceController(Workspaces workspaces, LinkPlacements placements,
			org.proofwork.catalog.CredentialCatalog catalog, CourseRoster roster, EvidenceFiles evidence) {
		this.workspaces = workspaces;
		this.placements = placements;
		this.catalog = catalog;
		this.roster = roster;
		this.evidence = evidence;
	}

	@GetMapping("/launches/{launchId}/workspace")
	String overview(LtiLaunch launch, Model model) {
		Workspace workspace = open(launch);
		CredentialDefinition credential = workspaces.credential(workspace);
		Answers answers = workspaces.answers(workspace);
		List<SectionView> sections = Section.of(credential).stream().map(s -> SectionView.of(s, answers)).toList();
		model.addAttribute("sections", sections);
		model.addAttribute("versions", workspaces.versions(workspace.id()));
		common(model, launch, workspace, credential);
		if (credential.team()) {
			model.addAttribute("roster", roster.learners(launch));
		}
		return OVERVIEW;
	}

	@GetMapping("/launches/{launchId}/workspace/credential")
	String credential(LtiLaunch launch, Model model) {
		Workspace workspace = open(launch);
		common(model, launch, workspace, workspaces.credential(workspace));
		return CREDENTIAL;
	}

	@GetMapping("/launches/{launchId}/workspace/sections/{sectionId}")
	String section(LtiLaunch launch, @PathVariable String sectionId, Model model) {
		Workspace workspace = open(launch);
		CredentialDefinition credential = workspaces.credential(workspace);
		Section section = section(credential, sectionId);
		sectionModel(model, launch, workspace, credential, section, workspaces.answers(workspace));
		return SECTION;
	}

	@PostMapping("/launches/{launchId}/workspace/sections/{sectionId}")
	Object save(LtiLaunch launch, @PathVariable String sectionId, @RequestParam int revision,
			@RequestParam(required = false) String action, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		Workspace workspace = workspaces.require(launch);
		CredentialDefinition credential = workspaces.credential(workspace);
		Section section = section(credential, sectionId);
		Answers.SectionAnswers typed = SectionForm.read(section, workspaces.answers(workspace).section(sectionId),
				request.getParameterMap());
		typed = applyItemAction(section, typed, action);
		Workspaces.SaveOutcome outcome = workspaces.saveSection(launch, section, revision, typed);
		boolean wantsJson = MediaType.APPLICATION_JSON_VALUE.equals(request.getHeader("Accept"));
		if (outcome instanceof Workspaces.SaveOutcome.Saved saved) {
			if (wantsJson) {
				Answers now = workspaces.answers(workspaces.require(launch));
				// The keys of the stored items, group by group, in the form's order: the page puts them into its
				// new items, so that its next save refers to the items this one stored instead of adding them again.
				Map<String, List<String>> keys = new LinkedHashMap<>();
				now.section(sectionId).groups().forEach((group, items) -> keys.put(group,
						items.stream().map(Answers.Item::key).toList()));
				return ResponseEntity.ok(Map.of("revision", saved.revision(), "savedAt", saved.at().toString(),
						"words", SectionView.of(section, now).words(), "keys", keys));
			}
			redirect.addFlashAttribute("saved", saved.at());
			return "redirect:/launches/" + launch.launchId() + "/workspace/sections/" + sectionId
					+ (action != null && action.startsWith("add-item:") ? "#" + action.substring(9) : "");
		}
		Workspaces.SaveOutcome.Conflict conflict = (Workspaces.SaveOutcome.Conflict) outcome;
		if (wantsJson) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(Map.of("conflict", true, "revision", conflict.revision(), "savedAt",
						conflict.savedAt().toString()));
		}
		Workspace newer = workspaces.require(launch);
		sectionModel(model, launch, newer, credential, section, workspaces.answers(newer));
		model.addAttribute("conflict", conflict);
		return SECTION;
	}

	@GetMapping("/launches/{launchId}/workspace/submit")
	String reviewBeforeSubmit(LtiLaunch launch, Model model) {
		Workspace workspace = open(launch);
		CredentialDefinition credential = workspaces.credential(workspace);
		Answers answers = workspaces.answers(workspace);
		List<String> names = new ArrayList<>(roster.names(launch));
		names.add(launch.user().displayName());
		model.addAttribute("checks", Checks.of(credential, answers));
		model.addAttribute("passages", Deidentification.scan(credential, answers, names));
		model.addAttribute("rosterChecked", roster.available(launch));
		model.addAttribute("sectionTitles", sectionTitles(credential));
		common(model, launch, workspace, credential);
		return SUBMIT;
	}

	@PostMapping("/launches/{launchId}/workspace/submit")
	String submit(LtiLaunch launch, @RequestParam int revision,
			@RequestParam(name = "confirm", defaultValue = "false") boolean confirmed, RedirectAttributes redirect) {
		if (!confirmed) {
			redirect.addFlashAttribute("confirmMissing", true);
			return "redirect:/launches/" + launch.launchId() + "/workspace/submit";
		}
		int version = workspaces.submit(launch, revision);
		redirect.addFlashAttribute("submitted", version);
		return "redirect:/launches/" + launch.launchId() + "/workspace";
	}

	@GetMapping("/launches/{launchId}/workspace/versions/{number}")
	String version(LtiLaunch launch, @PathVariable int number, Model model) {
		Workspace workspace = workspaces.require(launch);
		CredentialDefinition credential = workspaces.credential(workspace);
		SubmittedVersion version = workspaces.versions(workspace.id()).stream()
			.filter(v -> v.number() == number)
			.findFirst()
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "workspace.version.missing.title",
					"workspace.version.missing.advice", "no version " + number));
		model.addAttribute("version", version);
		model.addAttribute("sections",
				Section.of(credential).stream().map(s -> SectionView.of(s, version.answers())).toList());
		model.addAttribute("answersForReferences", version.answers());
		model.addAttribute("files", files(workspace));
		common(model, launch, workspace, credential);
		return VERSION;
	}

	@PostMapping("/launches/{launchId}/workspace/members")
	String addMember(LtiLaunch launch, @RequestParam String subject, RedirectAttributes redirect) {
		TeamMember learner = roster.learners(launch).stream()
			.filter(l -> l.subject().equals(subject))
			.findFirst()
			.orElseThrow(() -> new UserFacingException(HttpStatus.BAD_REQUEST, "workspace.team.unknown.title",
					"workspace.team.unknown.advice", "not on the roster: " + subject));
		workspaces.addMember(launch, learner.subject(), learner.name(), learner.email());
		return "redirect:/launches/" + launch.launchId() + "/workspace#team";
	}

	@PostMapping("/launches/{launchId}/workspace/members/remove")
	String removeMember(LtiLaunch launch, @RequestParam String subject) {
		workspaces.removeMember(launch, subject);
		return "redirect:/launches/" + launch.launchId() + "/workspace#team";
	}

	private Workspace open(LtiLaunch launch) {
		if (!launch.isEducator()) {
			throw new UserFacingException(HttpStatus.FORBIDDEN, "workspace.educators-only.title",
					"workspace.educators-only.advice", "workspace opened by " + launch.roles());
		}
		String credentialId = placements.credentialOf(launch)
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "workspace.no-credential.title",
					"workspace.no-credential.advice", "no credential on link"));
		CredentialDefinition credential = catalog.find(credentialId)
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "workspace.unknown-credential.title",
					"workspace.unknown-credential.advice", "unknown credential " + credentialId, credentialId));
		return workspaces.open(launch, credential);
	}

	private static Section section(CredentialDefinition credential, String sectionId) {
		return Section.find(credential, sectionId)
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "error.404.title", "error.404.advice",
					"no section " + sectionId));
	}

	private static Answers.SectionAnswers applyItemAction(Section section, Answers.SectionAnswers typed,
			String action) {
		if (action == null) {
			return typed;
		}
		String[] parts = action.split(":");
		if (parts.length >= 2 && section.form().flatMap(f -> f.group(parts[1])).isPresent()) {
			if ("add-item".equals(parts[0])) {
				return typed.withNewItem(parts[1]);
			}
			if ("remove-item".equals(parts[0]) && parts.length == 3 && parts[2].matches("\\d{1,3}")) {
				return typed.withoutItem(parts[1], Integer.parseInt(parts[2]));
			}
		}
		return typed;
	}

	private void sectionModel(Model model, LtiLaunch launch, Workspace workspace, CredentialDefinition credential,
			Section section, Answers answers) {
		SectionView view = SectionView.of(section, answers);
		model.addAttribute("view", view);
		model.addAttribute("answers", answers);
		model.addAttribute("problems", view.problems(answers));
		Map<String, List<SectionView.ReferenceOption>> options = new LinkedHashMap<>();
		section.form().ifPresent(form -> form.groups().forEach(group -> group.fields().forEach(field -> options
			.put(group.id() + "." + field.id(), SectionView.options(answers, field)))));
		model.addAttribute("referenceOptions", options);
		model.addAttribute("files", files(workspace));
		model.addAttribute("sections", Section.of(credential));
		common(model, launch, workspace, credential);
	}

	private Map<String, EvidenceFile> files(Workspace workspace) {
		Map<String, EvidenceFile> files = new LinkedHashMap<>();
		evidence.list(WorkspaceFilesController.owner(workspace)).forEach(file -> files.put(file.id(), file));
		return files;
	}

	private static Map<String, String> sectionTitles(CredentialDefinition credential) {
		Map<String, String> titles = new LinkedHashMap<>();
		Section.of(credential).forEach(s -> titles.put(s.id(), s.title()));
		return titles;
	}

	private static void common(Model model, LtiLaunch launch, Workspace workspace, CredentialDefinition credential) {
		model.addAttribute("launch", launch);
		model.addAttribute("workspace", new WorkspaceSummary(workspace.id(), workspace.status(),
				workspace.draftRevision(), workspace.draftSavedAt(), workspace.submittedCount(),
				workspace.members().stream().map(m -> new TeamMember(m.subject(), m.name(), m.email())).toList(),
				workspace.ownerSubject()));
		model.addAttribute("credential", credential);
		model.addAttribute("base", "/launches/" + launch.launchId() + "/workspace");
	}
}
