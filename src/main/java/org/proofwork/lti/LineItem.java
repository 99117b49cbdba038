package org.proofwork.lti;

import java.net.URI;
import java.util.Objects;

/**
 * A gradebook column at a platform (an AGS line item). Platforms send empty strings for unset fields (Moodle's
 * {@code "tag": ""}); they are read as absent.
 *
 * @param id the line item's URL: scores for this column are posted under it
 * @param resourceId the tool's own id for what is graded, if it set one
 * @param resourceLinkId the resource link (placement) the column belongs to, if any
 * @param tag the tool's label for the kind of grade, if it set one
 */
public record LineItem(URI id, String label, double scoreMaximum, String resourceId, String resourceLinkId,
		String tag) {

	public LineItem {
		Objects.requireNonNull(id, "A line item has an id");
		resourceId = blankToNull(resourceId);
		resourceLinkId = blankToNull(resourceLinkId);
		tag = blankToNull(tag);
	}

	static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}
}
