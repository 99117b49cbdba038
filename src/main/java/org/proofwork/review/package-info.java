/**
 * Assessment: the assessors' queue per course, blind rubric scoring, second assessors and reconciliation, the decision
 * the credential's earning rule makes ({@link org.proofwork.review.DecisionRecorded}), and the educator's view of
 * that decision and its feedback.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Review")
package org.proofwork.review;
