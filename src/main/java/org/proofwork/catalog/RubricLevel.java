package org.proofwork.catalog;

/**
 * One level of a rubric component.
 *
 * @param id the level's id, such as {@code proficient}, {@code pass} or {@code yes}
 * @param label what assessors and educators see, such as "Proficient"
 * @param descriptor what the level looks like, word for word from the credential; paragraphs are separated by a
 * blank line and list items start a line with "-". Empty when the credential describes the level in no words.
 */
public record RubricLevel(String id, String label, String descriptor) {

	public boolean hasDescriptor() {
		return !descriptor.isEmpty();
	}
}
