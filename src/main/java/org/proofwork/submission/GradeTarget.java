package org.proofwork.submission;

import java.io.Serializable;
import java.net.URI;
import java.util.Set;

/**
 * Where a workspace's results go in the LMS gradebook, as the launch that created (or last opened) it said.
 *
 * @param productFamily the platform's product family ({@code canvas}, {@code moodle}, ...), for platform dialects
 * @param lineItems the course's line items container, absent when the platform offered no AGS
 * @param lineItem the line item of the course link, if the platform created one (deep linking does)
 * @param scopes the AGS scopes the platform granted
 * @param resourceLinkTitle the link's title, used as the label of a line item the tool has to create
 */
public record GradeTarget(String productFamily, URI lineItems, URI lineItem, Set<String> scopes,
		String resourceLinkTitle) implements Serializable {

	public GradeTarget {
		scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
	}

	public boolean hasGradeService() {
		return lineItems != null || lineItem != null;
	}
}
