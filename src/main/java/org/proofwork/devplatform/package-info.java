/**
 * A built-in demo LMS for local runs: an LTI 1.3 Advantage platform simulator (course, people, launches, Dynamic
 * Registration, Deep Linking, grade and roster services) that talks to the tool only over HTTP, active only in the
 * {@code dev} profile.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo LMS", allowedDependencies = "system")
package org.proofwork.devplatform;
