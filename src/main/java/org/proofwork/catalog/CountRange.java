package org.proofwork.catalog;

/**
 * How many of something a form allows, both ends included.
 *
 * @param min the fewest
 * @param max the most, {@link #UNBOUNDED} when the credential sets no limit
 */
public record CountRange(int min, int max) {

	public static final int UNBOUNDED = Integer.MAX_VALUE;

	public CountRange {
		if (min < 0 || max < min) {
			throw new IllegalArgumentException("a count range needs 0 <= min <= max, was " + min + ".." + max);
		}
	}

	public boolean isBounded() {
		return max != UNBOUNDED;
	}

	public boolean contains(int count) {
		return count >= min && count <= max;
	}

	@Override
	public String toString() {
		return isBounded() ? min + "–" + max : "at least " + min;
	}
}
