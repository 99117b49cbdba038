package org.proofwork.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What assessors score one part or artifact on.
 *
 * @param id the id of the part or artifact the component scores, such as {@code part-1} or {@code action-plan}
 * @param title the component's heading as the credential words it
 * @param levels the levels from best to worst, such as Proficient, Basic, Developing
 */
public record RubricComponent(String id, String title, List<RubricLevel> levels) {

	public RubricComponent {
		levels = List.copyOf(levels);
	}

	public Optional<RubricLevel> level(String levelId) {
		return levels.stream().filter(level -> level.id().equals(levelId)).findFirst();
	}

	public List<String> levelIds() {
		return levels.stream().map(RubricLevel::id).toList();
	}

	/** Whether a level is the threshold level or better. */
	public boolean isAtLeast(String levelId, String thresholdId) {
		int rank = levelIds().indexOf(levelId);
		int threshold = levelIds().indexOf(thresholdId);
		if (rank < 0 || threshold < 0) {
			throw new IllegalArgumentException(
					"rubric component '" + id + "' has levels " + levelIds() + ", not " + levelId + " / " + thresholdId);
		}
		return rank <= threshold;
	}
}
