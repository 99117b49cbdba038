package org.proofwork.submission;

import java.time.Instant;
import java.util.List;

/** What every workspace page shows of the workspace. */
public record WorkspaceSummary(String id, WorkspaceStatus status, int revision, Instant savedAt, int submittedCount,
		List<TeamMember> members, String ownerSubject) {

	public WorkspaceSummary {
		members = List.copyOf(members);
	}

	public boolean editable() {
		return status.editable();
	}
}
