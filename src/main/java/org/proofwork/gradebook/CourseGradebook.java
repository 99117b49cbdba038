package org.proofwork.gradebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A course's gradebook as the tool sees it: per learner and course link, the latest score owed and the latest
 * decision, from the outbox rows.
 */
final class CourseGradebook {

	private CourseGradebook() {
	}

	/** One learner's cell: the latest score (what the gradebook should show) and the latest decision, if any. */
	record Entry(ScoreDelivery latest, Optional<ScoreDelivery> latestDecision) {
	}

	/**
	 * @param rows a course's (or workspace's) rows, oldest first
	 */
	static List<Entry> entries(List<ScoreDelivery> rows) {
		Map<Cell, ScoreDelivery> latest = new LinkedHashMap<>();
		Map<Cell, ScoreDelivery> decisions = new LinkedHashMap<>();
		for (ScoreDelivery row : rows) {
			ScoreDelivery current = latest.get(row.cell());
			// A superseded row never hides the one that superseded it, whatever order they were recorded in.
			if (current == null || row.state() != DeliveryState.SUPERSEDED
					|| current.state() == DeliveryState.SUPERSEDED) {
				latest.put(row.cell(), row);
			}
			if (!row.isSubmission()) {
				decisions.put(row.cell(), row);
			}
		}
		List<Entry> entries = new ArrayList<>();
		latest.forEach((cell, row) -> entries.add(new Entry(row, Optional.ofNullable(decisions.get(cell)))));
		return entries;
	}

	static List<ScoreDelivery> latestPerCell(List<ScoreDelivery> rows) {
		return entries(rows).stream().map(Entry::latest).toList();
	}
}
