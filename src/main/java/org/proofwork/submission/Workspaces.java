package org.proofwork.submission;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.lti.CourseKey;
import org.proofwork.lti.LtiLaunch;
import org.proofwork.system.UserFacingException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The educator's workspaces: opened from a launch, saved section by section without ever overwriting a newer save,
 * submitted as immutable numbered versions. Every method finds the workspace through the launch's own registration,
 * deployment, course, link and person, so no id from a request can reach another tenant's work.
 */
@Service
public class Workspaces {

	private static final Logger log = LoggerFactory.getLogger(Workspaces.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WorkspaceRepository workspaces;

	private final CredentialCatalog catalog;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Workspaces(WorkspaceRepository workspaces, CredentialCatalog catalog, JdbcClient jdbc,
			ApplicationEventPublisher events, Clock clock) {
		this.workspaces = workspaces;
		this.catalog = catalog;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/** The launching educator's workspace for the credential on this link, created on the first launch. */
	@Transactional
	Workspace open(LtiLaunch launch, CredentialDefinition credential) {
		requireEducatorLink(launch);
		String target = gradeTarget(launch);
		Workspace workspace = find(launch).orElseGet(() -> workspaces.save(Workspace.start(launch.registrationId(),
				launch.deploymentId(), launch.course().id(), launch.resourceLink().id(), credential.id(),
				launch.user().id(), launch.user().displayName(), launch.user().email(), write(Answers.EMPTY), target,
				clock.instant())));
		if (target != null && !target.equals(workspace.gradeTarget())) {
			// The latest launch knows the current line item (an instructor may have turned grading on since).
			workspace.updateGradeTarget(target);
			workspace = workspaces.save(workspace);
		}
		return workspace;
	}

	Optional<Workspace> find(LtiLaunch launch) {
		if (launch.course() == null || launch.resourceLink() == null) {
			return Optional.empty();
		}
		return workspaces
			.findForMember(launch.registrationId(), launch.deploymentId(), launch.course().id(),
					launch.resourceLink().id(), launch.user().id())
			.stream()
			.findFirst();
	}

	Workspace require(LtiLaunch launch) {
		return find(launch).orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND,
				"workspace.missing.title", "workspace.missing.advice", "no workspace for " + launch.personKey()));
	}

	Answers answers(Workspace workspace) {
		return read(workspace.draft());
	}

	/** What a save came to: saved at a new revision, or refused because somebody saved a newer draft first. */
	public sealed interface SaveOutcome {

		record Saved(int revision, Instant at) implements SaveOutcome {
		}

		/** Nothing was stored; {@code theirs} is what is stored now, {@code yours} what this save tried to store. */
		record Conflict(Answers.SectionAnswers theirs, Answers.SectionAnswers yours, Instant savedAt, int revision)
				implements SaveOutcome {
		}
	}

	@Transactional
	SaveOutcome saveSection(LtiLaunch launch, Section section, int seenRevision, Answers.SectionAnswers answers) {
		Workspace workspace = require(launch);
		requireEditable(workspace);
		if (workspace.draftRevision() != seenRevision) {
			return new SaveOutcome.Conflict(answers(workspace).section(section.id()), answers,
					workspace.draftSavedAt(), workspace.draftRevision());
		}
		workspace.saveDraft(write(answers(workspace).with(section.id(), answers)), launch.user().id(), clock.instant());
		try {
			Workspace saved = workspaces.save(workspace);
			return new SaveOutcome.Saved(saved.draftRevision(), saved.draftSavedAt());
		}
		catch (OptimisticLockingFailureException ex) {
			Workspace newer = require(launch);
			return new SaveOutcome.Conflict(answers(newer).section(section.id()), answers, newer.draftSavedAt(),
					newer.draftRevision());
		}
	}

	/** Adds an uploaded evidence file to the draft (a file slot of the section, or of one item of a group). */
	@Transactional
	int attachFile(LtiLaunch launch, Section section, String slotId, String groupId, int itemIndex, String fileId) {
		Workspace workspace = require(launch);
		requireEditable(workspace);
		Answers answers = answers(workspace);
		Answers.SectionAnswers current = answers.section(section.id());
		Answers.SectionAnswers changed = groupId == null ? current.withFile(slotId, fileId)
				: current.withItemFile(groupId, itemIndex, slotId, fileId);
		workspace.saveDraft(write(answers.with(section.id(), changed)), launch.user().id(), clock.instant());
		return workspaces.save(workspace).draftRevision();
	}

	/** Puts a photo's own date into its item when the educator has not typed one. */
	@Transactional
	void fillDateIfEmpty(LtiLaunch launch, Section section, org.proofwork.catalog.FieldGroup group, int index,
			java.time.LocalDate date) {
		group.fields().stream().filter(f -> f.type() == org.proofwork.catalog.FieldType.DATE).findFirst().ifPresent(field -> {
			Workspace workspace = require(launch);
			Answers answers = answers(workspace);
			Answers.SectionAnswers current = answers.section(section.id());
			List<Answers.Item> items = new ArrayList<>(current.items(group.id()));
			if (index < items.size() && items.get(index).value(field.id()).isBlank()) {
				items.set(index, items.get(index).withValue(field.id(), date.toString()));
				Map<String, List<Answers.Item>> groups = new java.util.LinkedHashMap<>(current.groups());
				groups.put(group.id(), items);
				workspace.saveDraft(write(answers.with(section.id(),
						new Answers.SectionAnswers(current.prompts(), groups, current.files()))), launch.user().id(),
						clock.instant());
				workspaces.save(workspace);
			}
		});
	}

	/** Removes a file from the draft; the file itself stays while a submitted version refers to it. */
	@Transactional
	boolean detachFile(LtiLaunch launch, Section section, String fileId) {
		Workspace workspace = require(launch);
		requireEditable(workspace);
		Answers answers = answers(workspace);
		workspace.saveDraft(write(answers.with(section.id(), answers.section(section.id()).withoutFile(fileId))),
				launch.user().id(), clock.instant());
		workspaces.save(workspace);
		return !isInAnyVersion(workspace.id(), fileId);
	}

	boolean isInAnyVersion(String workspaceId, String fileId) {
		return versions(workspaceId).stream()
			.anyMatch(version -> version.answers().sections().values().stream()
				.anyMatch(section -> section.allFiles().contains(fileId)));
	}

	/**
	 * Freezes the draft as the next version and tells the gradebook, in one transaction.
	 * @param seenRevision the draft revision the educator reviewed; a newer save since means they have not seen it
	 */
	@Transactional
	int submit(LtiLaunch launch, int seenRevision) {
		Workspace workspace = require(launch);
		requireEditable(workspace);
		if (workspace.draftRevision() != seenRevision) {
			throw new UserFacingException(HttpStatus.CONFLICT, "workspace.submit.changed.title",
					"workspace.submit.changed.advice", "draft changed before submit");
		}
		CredentialDefinition credential = credential(workspace);
		Answers answers = answers(workspace);
		List<CheckResult> checks = Checks.of(credential, answers);
		int number = workspace.submit();
		Instant now = clock.instant();
		workspaces.save(workspace);
		jdbc.sql("""
				INSERT INTO submission_version (workspace_id, number, answers, checks, submitted_at, submitted_by)
				VALUES (:workspace, :number, :answers, :checks, :at, :by)
				""")
			.param("workspace", workspace.id())
			.param("number", number)
			.param("answers", write(answers))
			.param("checks", json.writeValueAsString(checks))
			.param("at", now)
			.param("by", launch.user().id())
			.update();
		events.publishEvent(new SubmissionSubmitted(workspace.id(), number, workspace.registrationId(),
				workspace.deploymentId(), workspace.contextId(), workspace.resourceLinkId(), workspace.credentialId(),
				workspace.members().stream().map(Workspace.Member::subject).sorted().toList(),
				readGradeTarget(workspace.gradeTarget()), now));
		log.info("Workspace {} submitted version {} by {}", workspace.id(), number, launch.user().id());
		return number;
	}

	@Transactional
	void addMember(LtiLaunch launch, String subject, String name, String email) {
		Workspace workspace = require(launch);
		workspace.addMember(subject, name, email);
		workspaces.save(workspace);
	}

	@Transactional
	void removeMember(LtiLaunch launch, String subject) {
		Workspace workspace = require(launch);
		workspace.removeMember(subject);
		workspaces.save(workspace);
	}

	List<SubmittedVersion> versions(String workspaceId) {
		return jdbc.sql("""
				SELECT v.workspace_id, v.number, w.credential_id, v.answers, v.checks, v.submitted_at
				FROM submission_version v JOIN workspace w ON w.id = v.workspace_id
				WHERE v.workspace_id = :workspace ORDER BY v.number
				""")
			.param("workspace", workspaceId)
			.query((rs, row) -> new SubmittedVersion(rs.getString("workspace_id"), rs.getInt("number"),
					rs.getString("credential_id"), read(rs.getString("answers")), readChecks(rs.getString("checks")),
					rs.getTimestamp("submitted_at").toInstant()))
			.list();
	}

	// ---- for the review module: a course's submitted work -------------------------------------------------------

	/** A workspace as an assessor's queue sees it: no names, only what the review needs. */
	public record SubmittedWork(String workspaceId, String credentialId, String resourceLinkId, WorkspaceStatus status,
			int latestVersion, Instant latestSubmittedAt, List<String> memberSubjects, GradeTarget gradeTarget) {
	}

	public List<SubmittedWork> submittedIn(CourseKey course) {
		return workspaces.findSubmittedInCourse(course.registrationId(), course.deploymentId(), course.contextId())
			.stream()
			.map(this::submittedWork)
			.toList();
	}

	public Optional<SubmittedWork> submittedWork(CourseKey course, String workspaceId) {
		return inCourse(course, workspaceId).filter(w -> w.submittedCount() > 0).map(this::submittedWork);
	}

	/**
	 * A course's submitted workspace with every submitted version and the owner of its evidence files, read at once
	 * (one workspace read, one versions read), for a page that shows all of it: the review page read the workspace
	 * five times and every version four times when it asked for each part on its own.
	 *
	 * @param versions every submitted version, oldest first
	 */
	public record Submission(SubmittedWork work, List<SubmittedVersion> versions,
			org.proofwork.evidence.EvidenceOwner evidenceOwner) {

		public Submission {
			versions = List.copyOf(versions);
		}

		public Optional<SubmittedVersion> version(int number) {
			return versions.stream().filter(version -> version.number() == number).findFirst();
		}
	}

	public Optional<Submission> submission(CourseKey course, String workspaceId) {
		return inCourse(course, workspaceId).filter(w -> w.submittedCount() > 0).map(workspace -> {
			List<SubmittedVersion> versions = versions(workspace.id());
			return new Submission(submittedWork(workspace, versions), versions, WorkspaceFilesController.owner(workspace));
		});
	}

	public Optional<SubmittedVersion> version(CourseKey course, String workspaceId, int number) {
		return inCourse(course, workspaceId).flatMap(workspace -> versions(workspace.id()).stream()
			.filter(version -> version.number() == number)
			.findFirst());
	}

	public List<SubmittedVersion> versions(CourseKey course, String workspaceId) {
		return inCourse(course, workspaceId).map(workspace -> versions(workspace.id())).orElse(List.of());
	}

	/** The workspace's members by LTI subject and name, for an instructor who reveals identities. */
	public Map<String, String> members(CourseKey course, String workspaceId) {
		Map<String, String> members = new java.util.TreeMap<>();
		inCourse(course, workspaceId).ifPresent(w -> w.members().forEach(m -> members.put(m.subject(), m.name())));
		return members;
	}

	/** The id of the launching person's workspace on the launch's link, if they have one. */
	public Optional<String> workspaceIdOf(LtiLaunch launch) {
		return find(launch).map(Workspace::id);
	}

	/** The workspace in the course whose members include this person (for a Submission Review launch). */
	public Optional<String> workspaceIdOf(CourseKey course, String resourceLinkId, String subject) {
		return workspaces.findForMember(course.registrationId(), course.deploymentId(), course.contextId(),
				resourceLinkId, subject).stream().findFirst().map(Workspace::id);
	}

	/** Whose the evidence files of a workspace are, for pages that show a course's work to its assessors. */
	public Optional<org.proofwork.evidence.EvidenceOwner> evidenceOwner(CourseKey course, String workspaceId) {
		return inCourse(course, workspaceId).map(WorkspaceFilesController::owner);
	}

	/** The credential's sections, each with the answers of a version, as the pages show them. */
	public List<SectionView> sectionViews(SubmittedVersion version) {
		CredentialDefinition credential = catalog.find(version.credentialId())
			.orElseThrow(() -> new IllegalStateException("Credential " + version.credentialId() + " is gone"));
		return Section.of(credential).stream().map(section -> SectionView.of(section, version.answers())).toList();
	}

	/** The workspace's members with their names and emails, for issuing their credentials. */
	public List<TeamMember> memberDetails(CourseKey course, String workspaceId) {
		return inCourse(course, workspaceId)
			.map(w -> w.members().stream().map(m -> new TeamMember(m.subject(), m.name(), m.email()))
				.sorted(java.util.Comparator.comparing(TeamMember::subject)).toList())
			.orElse(List.of());
	}

	/** An assessor opened the latest version. */
	@Transactional
	public void reviewStarted(CourseKey course, String workspaceId) {
		inCourse(course, workspaceId).ifPresent(workspace -> {
			workspace.reviewStarted();
			workspaces.save(workspace);
		});
	}

	/** The review decided; Not yet opens the draft for version n+1. */
	@Transactional
	public void decided(CourseKey course, String workspaceId, int version, boolean earned) {
		Workspace workspace = inCourse(course, workspaceId)
			.orElseThrow(() -> new IllegalArgumentException("No workspace " + workspaceId + " in " + course));
		if (workspace.submittedCount() != version) {
			throw new IllegalStateException("Version " + version + " of " + workspaceId
					+ " is not the latest submitted version (" + workspace.submittedCount() + ")");
		}
		workspace.decided(earned);
		workspaces.save(workspace);
	}

	private Optional<Workspace> inCourse(CourseKey course, String workspaceId) {
		return workspaces.findInCourse(course.registrationId(), course.deploymentId(), course.contextId(),
				workspaceId);
	}

	private SubmittedWork submittedWork(Workspace workspace) {
		return submittedWork(workspace, versions(workspace.id()));
	}

	private SubmittedWork submittedWork(Workspace workspace, List<SubmittedVersion> versions) {
		SubmittedVersion latest = versions.get(versions.size() - 1);
		return new SubmittedWork(workspace.id(), workspace.credentialId(), workspace.resourceLinkId(),
				workspace.status(), latest.number(), latest.submittedAt(),
				workspace.members().stream().map(Workspace.Member::subject).sorted().toList(),
				readGradeTarget(workspace.gradeTarget()));
	}

	CredentialDefinition credential(Workspace workspace) {
		return catalog.find(workspace.credentialId())
			.orElseThrow(() -> new IllegalStateException("Credential " + workspace.credentialId() + " is gone"));
	}

	private static void requireEducatorLink(LtiLaunch launch) {
		if (launch.course() == null || launch.resourceLink() == null) {
			throw new UserFacingException(HttpStatus.BAD_REQUEST, "workspace.no-link.title",
					"workspace.no-link.advice", "launch without course or link");
		}
	}

	private static void requireEditable(Workspace workspace) {
		if (!workspace.status().editable()) {
			throw new UserFacingException(HttpStatus.CONFLICT, "workspace.locked.title", "workspace.locked.advice",
					"workspace " + workspace.id() + " is " + workspace.status());
		}
	}

	private static String gradeTarget(LtiLaunch launch) {
		LtiLaunch.Ags ags = launch.ags();
		GradeTarget target = new GradeTarget(launch.productFamily(), ags == null ? null : ags.lineItems(),
				ags == null ? null : ags.lineItem(), ags == null ? null : ags.scopes(),
				launch.resourceLink() == null ? null : launch.resourceLink().title());
		return json.writeValueAsString(target);
	}

	private static GradeTarget readGradeTarget(String text) {
		return text == null ? new GradeTarget(null, null, null, null, null) : json.readValue(text, GradeTarget.class);
	}

	static String write(Answers answers) {
		return json.writeValueAsString(answers);
	}

	static Answers read(String text) {
		return text == null || text.isBlank() ? Answers.EMPTY : json.readValue(text, Answers.class);
	}

	private static List<CheckResult> readChecks(String text) {
		return new ArrayList<>(json.readValue(text, new TypeReference<List<CheckResult>>() {
		}));
	}
}
