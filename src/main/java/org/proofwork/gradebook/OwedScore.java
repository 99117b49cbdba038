package org.proofwork.gradebook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.proofwork.lti.AssignmentGradeService;
import org.proofwork.lti.Score;
import org.proofwork.review.DecisionRecorded;
import org.proofwork.submission.GradeTarget;
import org.proofwork.submission.SubmissionSubmitted;

/**
 * A score the tool owes one person's gradebook cell, as a submission or decision event said.
 *
 * @param eventKey what the score answers ({@code decision:<id>} or {@code submission:<workspace>:<version>}), so a
 * republished event is recognised
 * @param outcome the decision, or null for a submission
 * @param occurredAt when the submission or decision happened: orders the scores of a cell
 */
record OwedScore(Cell cell, String contextId, String workspaceId, int workspaceVersion, String credentialId,
		String eventKey, Kind kind, DecisionRecorded.Outcome outcome, String feedback, GradeTarget target,
		Instant occurredAt) {

	/** Canvas's product family code; its submission extension makes a submitted score a real submission. */
	static final String CANVAS = "canvas";

	/** Longest event key the table takes; longer ids are hashed. */
	private static final int MAX_EVENT_KEY = 200;

	enum Kind {
		/** Submitted, awaiting manual grading. */
		SUBMITTED,
		/** Graded: Earned or Not yet. */
		DECIDED
	}

	static List<OwedScore> of(SubmissionSubmitted event) {
		String key = eventKey("submission:" + event.workspaceId() + ":" + event.version());
		return event.memberSubjects()
			.stream()
			.distinct()
			.map(subject -> new OwedScore(
					new Cell(event.registrationId(), event.deploymentId(), event.resourceLinkId(), subject),
					event.contextId(), event.workspaceId(), event.version(), event.credentialId(), key, Kind.SUBMITTED,
					null, null, event.gradeTarget(), event.submittedAt()))
			.toList();
	}

	static List<OwedScore> of(DecisionRecorded event) {
		String key = eventKey("decision:" + event.decisionId());
		return event.memberSubjects()
			.stream()
			.distinct()
			.map(subject -> new OwedScore(
					new Cell(event.registrationId(), event.deploymentId(), event.resourceLinkId(), subject),
					event.contextId(), event.workspaceId(), event.version(), event.credentialId(), key, Kind.DECIDED,
					event.outcome(), event.overallFeedback(), event.gradeTarget(), event.decidedAt()))
			.toList();
	}

	/** Why this score can never be sent, if so: decided when it is recorded, so the instructor sees it at once. */
	Optional<DeliveryProblem> impossibility() {
		if (target == null || !target.hasGradeService()) {
			return Optional.of(DeliveryProblem.NO_GRADE_SERVICE);
		}
		// An empty scope list means the launch did not say; the token request finds out.
		if (!target.scopes().isEmpty() && !target.scopes().contains(AssignmentGradeService.SCOPE_SCORE)) {
			return Optional.of(DeliveryProblem.NO_SCORE_SCOPE);
		}
		return Optional.empty();
	}

	/** Whether this score comes after {@code other} in its cell; the later recorded wins a tie. */
	boolean isAfter(OwedScore other) {
		return occurredAt.isAfter(other.occurredAt);
	}

	boolean forCanvas() {
		return target != null && CANVAS.equalsIgnoreCase(target.productFamily());
	}

	/** The host the score's requests go to, for the in-flight limit. */
	URI serviceUrl() {
		return target.lineItem() != null ? target.lineItem() : target.lineItems();
	}

	/**
	 * The score to post. A submission posts progress only: Canvas queues it in SpeedGrader, Moodle clears the cell
	 * until the graded score comes. A decision posts the full column maximum for Earned and 0 for Not yet.
	 * @param scoreMaximum the column's own maximum (read from the platform); unused for a submission
	 * @param submissionUrl where the work can be seen, for Canvas's submission extension
	 */
	Score score(Instant timestamp, double scoreMaximum, URI submissionUrl) {
		String userId = cell.userId();
		if (kind == Kind.SUBMITTED) {
			Score submitted = new Score(userId, null, null, null, timestamp, Score.ActivityProgress.SUBMITTED,
					Score.GradingProgress.PENDING_MANUAL, Map.of());
			return forCanvas() ? submitted.withCanvasSubmission(
					new Score.CanvasSubmission(true, "basic_lti_launch", submissionUrl.toString(), occurredAt))
					: submitted;
		}
		double given = outcome == DecisionRecorded.Outcome.EARNED ? scoreMaximum : 0.0;
		String comment = feedback == null || feedback.isBlank() ? null : feedback.strip();
		return Score.fullyGraded(userId, given, scoreMaximum, comment, timestamp);
	}

	private static String eventKey(String key) {
		if (key.length() <= MAX_EVENT_KEY) {
			return key;
		}
		try {
			return "sha256:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}
}
