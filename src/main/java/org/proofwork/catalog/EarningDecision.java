package org.proofwork.catalog;

/**
 * What the earning rule decides for one scored submission.
 */
public enum EarningDecision {

	EARNED, NOT_YET;

	public boolean isEarned() {
		return this == EARNED;
	}

	static EarningDecision of(boolean earned) {
		return earned ? EARNED : NOT_YET;
	}

}
