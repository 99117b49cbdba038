/**
 * Grades in the LMS gradebook: the outbox of scores owed to platforms through AGS (one per person, submission and
 * decision), the worker that delivers them at least once with retries, and the pages where instructors and the tool
 * administrator see what was delivered and what was not.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Gradebook")
package org.proofwork.gradebook;
