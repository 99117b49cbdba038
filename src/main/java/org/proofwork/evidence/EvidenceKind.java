package org.proofwork.evidence;

/** What an evidence file is, which decides its size limit and how it is treated. */
public enum EvidenceKind {

	/** A JPEG or PNG picture, re-encoded without metadata, with a thumbnail. */
	PHOTO,

	/** A PDF or office document. */
	DOCUMENT,

	/** A video, such as a phone's MP4 or QuickTime file. */
	VIDEO,

	/** Anything else a slot accepts, held to the document limit. */
	OTHER
}
