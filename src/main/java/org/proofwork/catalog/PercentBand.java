package org.proofwork.catalog;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A range of percentages that matches a rubric level, such as "80% or above" for Proficient. Written in data files
 * with {@code atLeast} (included), {@code atMost} (included) and {@code under} (excluded).
 *
 * @param level the rubric level's id
 * @param atLeast the lowest percentage in the band, if bounded below
 * @param atMost the highest percentage in the band, if bounded above and included
 * @param under the percentage the band stays below, if bounded above and excluded
 */
public record PercentBand(String level, Optional<BigDecimal> atLeast, Optional<BigDecimal> atMost,
		Optional<BigDecimal> under) {

	public boolean contains(BigDecimal percent) {
		return atLeast.map(low -> percent.compareTo(low) >= 0).orElse(true)
				&& atMost.map(high -> percent.compareTo(high) <= 0).orElse(true)
				&& under.map(high -> percent.compareTo(high) < 0).orElse(true);
	}
}
