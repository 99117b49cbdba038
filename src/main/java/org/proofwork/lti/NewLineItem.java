package org.proofwork.lti;

/**
 * A gradebook column the tool asks a platform to create. On Moodle such a column becomes a manual grade item, so
 * {@link AssignmentGradeService#findOrCreateLineItem} looks for an existing one first.
 *
 * @param label the column's title in the gradebook
 * @param scoreMaximum the maximum score; Moodle rescales posted scores to the column's maximum
 * @param resourceId the tool's own id for what is graded (a credential), or null
 * @param tag the tool's label for the kind of grade, or null
 * @param resourceLinkId the resource link the column belongs to, or null for a column of its own
 */
public record NewLineItem(String label, double scoreMaximum, String resourceId, String tag, String resourceLinkId) {

	public NewLineItem {
		if (label == null || label.isBlank()) {
			throw new IllegalArgumentException("A line item needs a label");
		}
		if (!(scoreMaximum > 0) || Double.isInfinite(scoreMaximum)) {
			throw new IllegalArgumentException("A line item's scoreMaximum must be a positive number: " + scoreMaximum);
		}
		resourceId = LineItem.blankToNull(resourceId);
		tag = LineItem.blankToNull(tag);
		resourceLinkId = LineItem.blankToNull(resourceLinkId);
	}
}
