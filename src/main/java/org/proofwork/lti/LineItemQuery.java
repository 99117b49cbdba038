package org.proofwork.lti;

/**
 * Which line items to list: the AGS filters {@code resource_link_id}, {@code resource_id} and {@code tag}; a null
 * field does not filter. The filters are also applied to what the platform returns, since not every platform
 * applies every filter.
 */
public record LineItemQuery(String resourceLinkId, String resourceId, String tag) {

	public LineItemQuery {
		resourceLinkId = LineItem.blankToNull(resourceLinkId);
		resourceId = LineItem.blankToNull(resourceId);
		tag = LineItem.blankToNull(tag);
	}

	/** Every line item of the context. */
	public static LineItemQuery all() {
		return new LineItemQuery(null, null, null);
	}

	/** The line items of one resource link (on Moodle: the activity's own grade item). */
	public static LineItemQuery forResourceLink(String resourceLinkId) {
		return new LineItemQuery(resourceLinkId, null, null);
	}

	/** The line items the tool created for one of its resources, optionally with one tag. */
	public static LineItemQuery forResource(String resourceId, String tag) {
		return new LineItemQuery(null, resourceId, tag);
	}

	boolean matches(LineItem item) {
		return matches(resourceLinkId, item.resourceLinkId()) && matches(resourceId, item.resourceId())
				&& matches(tag, item.tag());
	}

	private static boolean matches(String wanted, String actual) {
		return wanted == null || wanted.equals(actual);
	}
}
