package org.proofwork.catalog;

/**
 * A resource the credential points to.
 *
 * @param title its title as the credential gives it (for research, the full citation)
 * @param link where to find it; empty when the credential gives no link, never guessed
 */
public record Resource(String title, String link) {

	public boolean hasLink() {
		return !link.isEmpty();
	}
}
