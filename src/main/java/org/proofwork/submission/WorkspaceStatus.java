package org.proofwork.submission;

/**
 * Where a workspace is in its life: {@code DRAFT} -> {@code SUBMITTED} (version n frozen) -> {@code UNDER_REVIEW} ->
 * {@code EARNED} or {@code NOT_YET}; after {@code NOT_YET} the educator revises and submits version n+1.
 */
public enum WorkspaceStatus {

	DRAFT, SUBMITTED, UNDER_REVIEW, EARNED, NOT_YET;

	/** Whether the educator may change the draft now. */
	public boolean editable() {
		return this == DRAFT || this == NOT_YET;
	}
}
