package org.proofwork.catalog;

import java.util.List;

/**
 * Formatted text a credential shows as written: headings, paragraphs, lists and links to resources, in order.
 *
 * @param blocks the text's blocks in reading order
 */
public record RichText(List<TextBlock> blocks) {

	public static final RichText EMPTY = new RichText(List.of());

	public RichText {
		blocks = List.copyOf(blocks);
	}

	public boolean isEmpty() {
		return blocks.isEmpty();
	}
}
