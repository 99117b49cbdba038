package org.proofwork.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.catalog.RubricComponent;
import org.proofwork.review.ReviewSettings.Assessor;

/**
 * Where a double-blind review of one version stands: each panel assessor's scores, and once both are in, whether
 * they agree.
 */
record PanelRound(List<Seat> seats) {

	PanelRound {
		seats = List.copyOf(seats);
	}

	static PanelRound of(ReviewSettings settings, List<RubricScore> scores) {
		return new PanelRound(settings.panel().stream()
			.map(assessor -> new Seat(assessor, scores.stream()
				.filter(score -> score.assessorSubject().equals(assessor.subject()))
				.findFirst()))
			.toList());
	}

	/** Both assessors have submitted: only now may anyone see their scores side by side. */
	public boolean complete() {
		return seats.size() == 2 && seats.stream().allMatch(seat -> seat.state() == SeatState.SUBMITTED);
	}

	public long submittedCount() {
		return seats.stream().filter(seat -> seat.state() == SeatState.SUBMITTED).count();
	}

	/** The components the two submitted scores differ on; empty when they agree (or are not both in). */
	List<RubricComponent> disagreements(CredentialDefinition credential) {
		if (!complete()) {
			return List.of();
		}
		return seats.get(0).sheet().disagreements(credential, seats.get(1).sheet());
	}

	boolean needsReconciliation(CredentialDefinition credential) {
		return complete() && !disagreements(credential).isEmpty();
	}

	/** Both sheets as one, for the decision when they agree. */
	ScoreSheet merged() {
		return ScoreSheet.merged(seats.stream().map(Seat::sheet).toList());
	}

	/**
	 * Where the instructor's reconciliation starts: the levels both chose, no level where they differ (the
	 * instructor must choose it), and both assessors' comments.
	 */
	ScoreSheet reconciliationDraft(CredentialDefinition credential) {
		ScoreSheet merged = merged();
		Map<String, String> agreed = new LinkedHashMap<>(merged.levels());
		disagreements(credential).forEach(component -> agreed.remove(component.id()));
		return new ScoreSheet(agreed, merged.comments(), merged.overall());
	}

	Optional<Seat> seatOf(String subject) {
		return seats.stream().filter(seat -> seat.assessor().subject().equals(subject)).findFirst();
	}

	enum SeatState {
		NOT_STARTED, IN_PROGRESS, SUBMITTED
	}

	record Seat(Assessor assessor, Optional<RubricScore> score) {

		public SeatState state() {
			return score.map(s -> s.submitted() ? SeatState.SUBMITTED : SeatState.IN_PROGRESS)
				.orElse(SeatState.NOT_STARTED);
		}

		public ScoreSheet sheet() {
			return score.map(RubricScore::sheet).orElse(ScoreSheet.EMPTY);
		}
	}
}
