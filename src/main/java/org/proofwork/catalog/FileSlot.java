package org.proofwork.catalog;

import java.util.List;

/**
 * A place for uploaded files, such as the survey document or the photo of a photo-essay entry.
 *
 * @param id the slot's id within its form or group
 * @param label what the slot is called on the form
 * @param accept the media types accepted, such as {@code application/pdf}
 * @param count how many files the slot takes
 */
public record FileSlot(String id, String label, List<String> accept, CountRange count) {

	public FileSlot {
		accept = List.copyOf(accept);
	}

	public boolean accepts(String mediaType) {
		return accept.contains(mediaType);
	}
}
