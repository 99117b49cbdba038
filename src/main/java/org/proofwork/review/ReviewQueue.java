package org.proofwork.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.lti.CourseKey;
import org.proofwork.submission.WorkspaceStatus;
import org.proofwork.submission.Workspaces;
import org.proofwork.submission.Workspaces.SubmittedWork;
import org.springframework.stereotype.Component;

/**
 * A course's submissions as its assessors see them: by blind code, grouped by where they are, oldest first. Nothing
 * here names the educator: the queue is built from ids, statuses and times only.
 */
@Component
class ReviewQueue {

	private final Workspaces workspaces;

	private final CredentialCatalog catalog;

	private final RubricScores scores;

	private final ReviewDecisions decisions;

	private final BlindCodes codes;

	private final Clock clock;

	ReviewQueue(Workspaces workspaces, CredentialCatalog catalog, RubricScores scores, ReviewDecisions decisions,
			BlindCodes codes, Clock clock) {
		this.workspaces = workspaces;
		this.catalog = catalog;
		this.scores = scores;
		this.decisions = decisions;
		this.codes = codes;
		this.clock = clock;
	}

	/** Where a submission is, as the queue groups them (in this order). */
	enum Stage {

		WAITING, IN_REVIEW, RETURNED, EARNED;

		static Stage of(WorkspaceStatus status) {
			return switch (status) {
				case SUBMITTED, DRAFT -> WAITING;
				case UNDER_REVIEW -> IN_REVIEW;
				case NOT_YET -> RETURNED;
				case EARNED -> EARNED;
			};
		}
	}

	/**
	 * One submission in the queue.
	 *
	 * @param waited how long the latest version has waited for a decision; for a decided one, how long it waited
	 * @param progress what the scoring of the latest version has come to, as a message key of this module
	 */
	record Entry(String workspaceId, String code, String credentialTitle, int version, Instant submittedAt,
			Waited waited, Stage stage, Optional<ReviewDecision> decision, String progress, long progressCount) {

		public String submittedAtText() {
			return ReviewDecision.SHOWN.format(submittedAt);
		}
	}

	/** A duration as people read it in a queue: minutes, hours or days. */
	record Waited(String unit, long amount) {

		static Waited of(Duration duration) {
			Duration positive = duration.isNegative() ? Duration.ZERO : duration;
			if (positive.toHours() < 1) {
				return new Waited("minutes", positive.toMinutes());
			}
			if (positive.toDays() < 2) {
				return new Waited("hours", positive.toHours());
			}
			return new Waited("days", positive.toDays());
		}
	}

	Map<Stage, List<Entry>> of(CourseKey course, ReviewSettings settings, String viewer) {
		Instant now = clock.instant();
		Map<String, ReviewDecision> decided = decisions.inCourse(course).stream()
			.collect(Collectors.toMap(d -> d.workspaceId() + "#" + d.workspaceVersion(), Function.identity()));
		Map<String, List<RubricScore>> scored = scores.inCourse(course).stream()
			.collect(Collectors.groupingBy(s -> s.workspaceId() + "#" + s.workspaceVersion()));
		Map<Stage, List<Entry>> queue = new EnumMap<>(Stage.class);
		for (Stage stage : Stage.values()) {
			queue.put(stage, new ArrayList<>());
		}
		for (SubmittedWork work : workspaces.submittedIn(course)) {
			String key = work.workspaceId() + "#" + work.latestVersion();
			Optional<ReviewDecision> decision = Optional.ofNullable(decided.get(key));
			Instant until = decision.map(ReviewDecision::decidedAt).orElse(now);
			List<RubricScore> versionScores = scored.getOrDefault(key, List.of());
			String progress;
			long count = 0;
			if (decision.isPresent()) {
				progress = "review.progress.decided." + decision.get().method();
			}
			else if (settings.doubleBlind()) {
				PanelRound round = PanelRound.of(settings, versionScores);
				count = round.submittedCount();
				progress = round.complete() ? "review.progress.panel.complete"
						: round.seatOf(viewer)
							.map(seat -> "review.progress.panel.yours." + seat.state())
							.orElse("review.progress.panel.count");
			}
			else {
				progress = versionScores.stream().anyMatch(RubricScore::shared) ? "review.progress.single.started"
						: "review.progress.single.none";
			}
			Stage stage = Stage.of(work.status());
			queue.get(stage).add(new Entry(work.workspaceId(), codes.of(work.workspaceId()), title(work),
					work.latestVersion(), work.latestSubmittedAt(),
					Waited.of(Duration.between(work.latestSubmittedAt(), until)), stage, decision, progress, count));
		}
		queue.values().forEach(entries -> entries.sort(Comparator.comparing(Entry::submittedAt)));
		return queue;
	}

	private String title(SubmittedWork work) {
		return catalog.find(work.credentialId()).map(CredentialDefinition::title).orElse(work.credentialId());
	}
}
