package org.proofwork.catalog;

/**
 * How many words a written answer should have, both ends included, such as 250–400.
 *
 * @param min the fewest words
 * @param max the most words
 */
public record WordRange(int min, int max) {

	public WordRange {
		if (min < 0 || max < min) {
			throw new IllegalArgumentException("a word range needs 0 <= min <= max, was " + min + "–" + max);
		}
	}

	public boolean contains(int words) {
		return words >= min && words <= max;
	}

	@Override
	public String toString() {
		return min + "–" + max;
	}
}
