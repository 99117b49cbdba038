package org.proofwork.submission;

/**
 * A passage of the educator's text that may identify them or their students to reviewers: an email address, a phone
 * number, or the name of somebody on the course roster.
 *
 * @param where the prompt or field the text is in
 * @param before text just before the match, for context
 * @param match the text that may identify somebody (shown highlighted)
 * @param after text just after the match
 */
public record IdentifyingPassage(String sectionId, String where, Kind kind, String before, String match,
		String after) {

	public enum Kind {
		EMAIL, PHONE, NAME
	}
}
