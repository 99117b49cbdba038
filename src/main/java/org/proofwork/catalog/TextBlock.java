package org.proofwork.catalog;

import java.util.List;

/**
 * One block of {@link RichText}. {@link #kind()} lets templates switch on the block without {@code instanceof}.
 */
public sealed interface TextBlock {

	Kind kind();

	/** What a block is, named as in the data file. */
	enum Kind {

		HEADING, SUBHEADING, PARAGRAPH, BULLETS, NUMBERED, RESOURCE

	}

	/** A section heading. */
	record Heading(String text) implements TextBlock {

		@Override
		public Kind kind() {
			return Kind.HEADING;
		}
	}

	/** A heading within a section. */
	record Subheading(String text) implements TextBlock {

		@Override
		public Kind kind() {
			return Kind.SUBHEADING;
		}
	}

	/** A paragraph of running text. */
	record Paragraph(String text) implements TextBlock {

		@Override
		public Kind kind() {
			return Kind.PARAGRAPH;
		}
	}

	/** A bulleted list, each item one string. */
	record Bullets(List<String> items) implements TextBlock {

		public Bullets {
			items = List.copyOf(items);
		}

		@Override
		public Kind kind() {
			return Kind.BULLETS;
		}
	}

	/** A numbered list, each item one string without its number. */
	record Numbered(List<String> items) implements TextBlock {

		public Numbered {
			items = List.copyOf(items);
		}

		@Override
		public Kind kind() {
			return Kind.NUMBERED;
		}
	}

	/** A resource named in the running text, such as a guide to writing a reflection. */
	record ResourceLink(Resource resource) implements TextBlock {

		@Override
		public Kind kind() {
			return Kind.RESOURCE;
		}
	}
}
