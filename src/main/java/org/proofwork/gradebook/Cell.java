package org.proofwork.gradebook;

/**
 * One person's cell of one placement's gradebook column: a placement (a resource link of a deployment) has one
 * column, so the scores of a cell are ordered and a newer one supersedes older ones not yet sent.
 */
record Cell(long registrationId, String deploymentId, String resourceLinkId, String userId) {

	Placement placement() {
		return new Placement(registrationId, deploymentId, resourceLinkId);
	}

	/** A course link as the tool tells them apart: {@code resource_link.id} is unique only within its deployment. */
	record Placement(long registrationId, String deploymentId, String resourceLinkId) {
	}
}
