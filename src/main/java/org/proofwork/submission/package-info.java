/**
 * The educator's workspace: drafts that save themselves, answers and structured evidence per credential part,
 * automatic checks, de-identification warnings, and the immutable numbered versions a submission freezes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Submission")
package org.proofwork.submission;
