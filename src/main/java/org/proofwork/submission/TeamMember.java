package org.proofwork.submission;

/** A person in a team workspace, or a learner on the course roster who could join it; email when the LMS shares it. */
public record TeamMember(String subject, String name, String email) {
}
