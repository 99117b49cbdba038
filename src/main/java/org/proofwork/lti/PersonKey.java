package org.proofwork.lti;

import java.io.Serializable;

/**
 * A person as the tool tells people apart: {@code sub} is unique only within the platform registration.
 */
public record PersonKey(long registrationId, String subject) implements Serializable {
}
