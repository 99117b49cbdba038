package org.proofwork.gradebook;

import java.time.Instant;
import java.util.Optional;

/**
 * What became of the latest score owed to one person for a workspace, for pages outside this module.
 *
 * @param userId the person's LTI {@code sub}
 * @param submitted true for the "submitted, awaiting review" score, false for a decision's grade
 * @param earned for a decision: whether the credential was earned; empty for a submission
 * @param deliveredAt when the platform accepted it, if it did
 * @param problemTitleCode message key of what went wrong (bundle {@code i18n/gradebook}), if anything did
 * @param problemAdviceCode message key of what to do about it
 */
public record DeliveryStatus(String userId, DeliveryState state, boolean submitted, Optional<Boolean> earned,
		Optional<Instant> deliveredAt, Optional<String> problemTitleCode, Optional<String> problemAdviceCode) {
}
