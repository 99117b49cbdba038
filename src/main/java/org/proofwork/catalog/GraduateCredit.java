package org.proofwork.catalog;

import java.util.Optional;

/**
 * The credential's offer of graduate credit through university partners.
 *
 * @param heading the offer's heading, such as "Earn Graduate Credit"
 * @param text the offer in the credential's words
 * @param learnMore where to read more, when the credential points there (its link is empty when the credential
 * gives none)
 */
public record GraduateCredit(String heading, String text, Optional<Resource> learnMore) {
}
