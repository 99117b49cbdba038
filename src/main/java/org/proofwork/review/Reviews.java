package org.proofwork.review;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.catalog.RubricComponent;
import org.proofwork.lti.CourseKey;
import org.proofwork.lti.LtiLaunch;
import org.proofwork.review.DecisionRecorded.Outcome;
import org.proofwork.submission.WorkspaceStatus;
import org.proofwork.submission.Workspaces;
import org.proofwork.submission.Workspaces.SubmittedWork;
import org.proofwork.system.UserFacingException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scoring and deciding. A save never overwrites a save it has not seen; a decision is recorded, handed to the
 * workspace and published to the gradebook in one transaction, so none of the three happens without the others.
 */
@Service
class Reviews {

	private static final Logger log = LoggerFactory.getLogger(Reviews.class);

	private final Workspaces workspaces;

	private final CredentialCatalog catalog;

	private final RubricScores scores;

	private final ReviewDecisions decisions;

	private final CourseReviewSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Reviews(Workspaces workspaces, CredentialCatalog catalog, RubricScores scores, ReviewDecisions decisions,
			CourseReviewSettings settings, ApplicationEventPublisher events, Clock clock) {
		this.workspaces = workspaces;
		this.catalog = catalog;
		this.scores = scores;
		this.decisions = decisions;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	/** What the assessor asked for with the form. */
	enum Action {

		/** Keep the scores as they are, to go on later. */
		SAVE,

		/** One assessor: the scores are final, the earning rule decides. */
		DECIDE,

		/** Double-blind: these are my final scores; decide when the other assessor's are in and agree. */
		SUBMIT
	}

	/** What became of a scoring form. */
	sealed interface Result {

		record Saved(int revision) implements Result {
		}

		/** Saved, but not final: these components have no level yet. */
		record Unscored(int revision, List<RubricComponent> components) implements Result {
		}

		/** Double-blind scores handed in; the other assessor's are not, or the two disagree. */
		record Submitted(boolean disagreement) implements Result {
		}

		record Decided(ReviewDecision decision) implements Result {
		}

		/** Nothing stored: somebody saved the same scores first. {@code yours} is what this form tried to store. */
		record Conflict(ScoreSheet yours) implements Result {
		}
	}

	ReviewSettings settings(CourseKey course) {
		return settings.of(course);
	}

	/** The course's submitted work with this id: 404 for an id of another course, as for one that does not exist. */
	SubmittedWork work(CourseKey course, String workspaceId) {
		return workspaces.submittedWork(course, workspaceId)
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "review.missing.title",
					"review.missing.advice", "no submitted workspace " + workspaceId + " in " + course));
	}

	/** As {@link #work}, with every version and the evidence owner read along (see {@link Workspaces.Submission}). */
	Workspaces.Submission submission(CourseKey course, String workspaceId) {
		return workspaces.submission(course, workspaceId)
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "review.missing.title",
					"review.missing.advice", "no submitted workspace " + workspaceId + " in " + course));
	}

	CredentialDefinition credential(SubmittedWork work) {
		return catalog.find(work.credentialId())
			.orElseThrow(() -> new IllegalStateException("Credential " + work.credentialId() + " is gone"));
	}

	Optional<RubricScore> score(String workspaceId, int version, String seat) {
		return scores.find(workspaceId, version, seat);
	}

	List<RubricScore> scoresOf(String workspaceId, int version) {
		return scores.ofVersion(workspaceId, version);
	}

	Optional<ReviewDecision> decision(String workspaceId, int version) {
		return decisions.find(workspaceId, version);
	}

	List<ReviewDecision> decisions(CourseKey course, String workspaceId) {
		return decisions.of(course, workspaceId);
	}

	/** Whether the version can still be scored: the latest, and not decided. */
	boolean open(SubmittedWork work, int version) {
		return openIfUndecided(work, version) && decisions.find(work.workspaceId(), version).isEmpty();
	}

	/** As {@link #open(SubmittedWork, int)}, with the workspace's decisions already read (by version). */
	boolean open(SubmittedWork work, int version, java.util.Map<Integer, ReviewDecision> decided) {
		return openIfUndecided(work, version) && !decided.containsKey(version);
	}

	private static boolean openIfUndecided(SubmittedWork work, int version) {
		return version == work.latestVersion()
				&& (work.status() == WorkspaceStatus.SUBMITTED || work.status() == WorkspaceStatus.UNDER_REVIEW);
	}

	/** An assessor who may score opened the latest version: the educator now sees it is being reviewed. */
	void opened(LtiLaunch launch, SubmittedWork work) {
		// The status first: only the first opening reads the course's settings and writes.
		if (work.status() != WorkspaceStatus.SUBMITTED
				|| settings.of(launch.courseKey()).seatOf(launch.user().id()).isEmpty()) {
			return;
		}
		try {
			workspaces.reviewStarted(launch.courseKey(), work.workspaceId());
		}
		catch (OptimisticLockingFailureException ex) {
			// Another assessor opened it at the same moment: it is under review either way.
			log.debug("Workspace {} was marked under review concurrently", work.workspaceId());
		}
	}

	/**
	 * Stores an assessor's scores for a version, and with {@link Action#DECIDE} or {@link Action#SUBMIT} makes them
	 * final.
	 * @param revision the version of the stored scores the form was typed on (0 when none were stored)
	 */
	@Transactional
	Result score(LtiLaunch launch, String workspaceId, int version, int revision, ScoreSheet sheet, Action action) {
		CourseRoles.requireAssessor(launch);
		CourseKey course = launch.courseKey();
		// Final scores lock the course's settings row first, so two double-blind submissions take turns.
		ReviewSettings current = action == Action.SAVE ? settings.of(course) : settings.locked(course);
		if ((action == Action.DECIDE && current.doubleBlind()) || (action == Action.SUBMIT && !current.doubleBlind())) {
			throw new UserFacingException(HttpStatus.CONFLICT, "review.settings-changed.title",
					"review.settings-changed.advice", action + " but double-blind is " + current.doubleBlind());
		}
		String assessor = launch.user().id();
		String seat = current.seatOf(assessor)
			.orElseThrow(() -> new UserFacingException(HttpStatus.FORBIDDEN, "review.not-on-panel.title",
					"review.not-on-panel.advice", assessor + " is not on the double-blind panel of " + course));
		SubmittedWork work = requireOpen(course, workspaceId, version);
		CredentialDefinition credential = credential(work);

		Optional<RubricScore> stored = scores.find(workspaceId, version, seat);
		if (stored.isPresent() && stored.get().submitted()) {
			throw new UserFacingException(HttpStatus.CONFLICT, "review.closed.submitted.title",
					"review.closed.submitted.advice", "scores of " + seat + " already submitted");
		}
		if (stored.map(RubricScore::version).orElse(0) != revision) {
			return new Result.Conflict(sheet);
		}
		Instant now = clock.instant();
		String id;
		int saved;
		if (stored.isEmpty()) {
			id = UUID.randomUUID().toString();
			try {
				scores.insert(new RubricScore(id, course, workspaceId, version, seat, sheet,
						RubricScore.State.IN_PROGRESS, 1, assessor, now, null));
			}
			catch (DuplicateKeyException ex) {
				// Another assessor's (or tab's) first save of the same review got in first.
				return new Result.Conflict(sheet);
			}
			saved = 1;
		}
		else {
			id = stored.get().id();
			if (!scores.update(id, revision, sheet, assessor, now)) {
				return new Result.Conflict(sheet);
			}
			saved = revision + 1;
		}
		if (action == Action.SAVE) {
			return new Result.Saved(saved);
		}
		List<RubricComponent> unscored = sheet.unscored(credential);
		if (!unscored.isEmpty()) {
			return new Result.Unscored(saved, unscored);
		}
		if (!scores.submit(id, saved, now)) {
			throw new IllegalStateException("Review " + id + " changed inside the transaction that saved it");
		}
		if (action == Action.DECIDE) {
			return new Result.Decided(decide(course, work, credential, version, sheet, ReviewDecision.Method.SINGLE,
					assessor, now));
		}
		PanelRound round = PanelRound.of(current, scores.ofVersionLocked(workspaceId, version));
		if (!round.complete()) {
			log.info("Double-blind scores of {} for {} version {} are in; waiting for the other assessor", assessor,
					workspaceId, version);
			return new Result.Submitted(false);
		}
		if (round.needsReconciliation(credential)) {
			log.info("Double-blind assessors disagree on {} version {} ({}): the instructor reconciles", workspaceId,
					version, round.disagreements(credential).stream().map(RubricComponent::id).toList());
			return new Result.Submitted(true);
		}
		return new Result.Decided(decide(course, work, credential, version, round.merged(),
				ReviewDecision.Method.AGREED, assessor, now));
	}

	/** The instructor's final levels and feedback when the two double-blind assessors disagree. */
	@Transactional
	Result reconcile(LtiLaunch launch, String workspaceId, int version, ScoreSheet sheet) {
		CourseRoles.requireInstructor(launch, "reconcile");
		CourseKey course = launch.courseKey();
		ReviewSettings current = settings.locked(course);
		SubmittedWork work = requireOpen(course, workspaceId, version);
		CredentialDefinition credential = credential(work);
		PanelRound round = PanelRound.of(current, scores.ofVersionLocked(workspaceId, version));
		if (!round.needsReconciliation(credential)) {
			throw new UserFacingException(HttpStatus.CONFLICT, "review.reconcile.not-needed.title",
					"review.reconcile.not-needed.advice", "no disagreement to reconcile on " + workspaceId);
		}
		List<RubricComponent> unscored = sheet.unscored(credential);
		if (!unscored.isEmpty()) {
			return new Result.Unscored(0, unscored);
		}
		return new Result.Decided(decide(course, work, credential, version, sheet, ReviewDecision.Method.RECONCILED,
				launch.user().id(), clock.instant()));
	}

	private SubmittedWork requireOpen(CourseKey course, String workspaceId, int version) {
		SubmittedWork work = work(course, workspaceId);
		if (version != work.latestVersion()) {
			throw new UserFacingException(HttpStatus.CONFLICT, "review.closed.newer.title",
					"review.closed.newer.advice", "version " + version + " is not the latest of " + workspaceId);
		}
		if (!open(work, version)) {
			throw new UserFacingException(HttpStatus.CONFLICT, "review.closed.decided.title",
					"review.closed.decided.advice", "version " + version + " of " + workspaceId + " is decided");
		}
		return work;
	}

	private ReviewDecision decide(CourseKey course, SubmittedWork work, CredentialDefinition credential, int version,
			ScoreSheet sheet, ReviewDecision.Method method, String decidedBy, Instant now) {
		boolean earned = credential.decide(sheet.levels()).isEarned();
		ReviewDecision decision = new ReviewDecision(UUID.randomUUID().toString(), course, work.workspaceId(),
				version, credential.id(), earned ? Outcome.EARNED : Outcome.NOT_YET, sheet, method, decidedBy, now);
		try {
			decisions.insert(decision);
		}
		catch (DuplicateKeyException ex) {
			throw new UserFacingException(HttpStatus.CONFLICT, "review.closed.decided.title",
					"review.closed.decided.advice", "version " + version + " of " + work.workspaceId()
							+ " was decided by a concurrent request");
		}
		workspaces.decided(course, work.workspaceId(), version, earned);
		events.publishEvent(new DecisionRecorded(decision.id(), work.workspaceId(), version, decision.outcome(),
				sheet.overall(), course.registrationId(), course.deploymentId(), course.contextId(),
				work.resourceLinkId(), credential.id(), work.memberSubjects(), sheet.levels(), work.gradeTarget(),
				now));
		log.info("Decision {} on workspace {} version {}: {} ({})", decision.id(), work.workspaceId(), version,
				decision.outcome(), method);
		return decision;
	}
}
