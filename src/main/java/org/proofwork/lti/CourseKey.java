package org.proofwork.lti;

import java.io.Serializable;

/**
 * A course as the tool tells courses apart: {@code context.id} is unique only within its deployment, which is
 * unique only within its registration. Every row that belongs to a course carries all three.
 */
public record CourseKey(long registrationId, String deploymentId, String contextId) implements Serializable {
}
