package org.proofwork.evidence;

import java.util.Objects;

/**
 * Whose a file is: the workspace of one course on one platform deployment. Every query of this module filters on all
 * four values, so a file id alone never reaches another tenant's file.
 *
 * @param registrationId the platform registration the launch came from
 * @param deploymentId the LTI deployment within that registration
 * @param contextId the course (LTI context) within that deployment
 * @param workspaceId the educator's workspace within that course
 */
public record EvidenceOwner(long registrationId, String deploymentId, String contextId, String workspaceId) {

	private static final int MAX_LENGTH = 255;

	public EvidenceOwner {
		require("deploymentId", deploymentId);
		require("contextId", contextId);
		require("workspaceId", workspaceId);
	}

	private static void require(String name, String value) {
		Objects.requireNonNull(value, name);
		if (value.isBlank() || value.length() > MAX_LENGTH) {
			throw new IllegalArgumentException(name + " must be 1 to " + MAX_LENGTH + " characters");
		}
	}
}
