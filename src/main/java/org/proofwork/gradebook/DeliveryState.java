package org.proofwork.gradebook;

/** Where a score stands on its way to the platform's gradebook. */
public enum DeliveryState {

	/** Waiting for its first try, or for the next one after the platform failed or throttled. */
	PENDING,

	/** The platform accepted it. */
	DELIVERED,

	/** A newer score for the same person and column came before this one was sent, so it was not sent. */
	SUPERSEDED,

	/** The platform refused it for good (stale timestamp, a person it cannot grade, a deleted column). */
	FAILED,

	/** It kept failing; put aside until an instructor or the tool administrator sends it again. */
	PARKED,

	/** It cannot be sent: the launch had no grade service. */
	NOT_POSSIBLE;

	/** Whether a person may send it again from the gradebook or admin page. */
	public boolean canBeSentAgain() {
		return this == FAILED || this == PARKED;
	}
}
