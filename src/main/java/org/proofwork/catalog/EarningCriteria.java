package org.proofwork.catalog;

/**
 * How a credential is earned: the criteria as the credential words them, and the same criteria as a rule.
 *
 * @param heading the criteria's heading, such as "Submission Guidelines &amp; Evaluation Criteria"
 * @param text the criteria in the credential's words
 * @param rule the rule that decides from rubric scores
 */
public record EarningCriteria(String heading, String text, EarningRule rule) {
}
