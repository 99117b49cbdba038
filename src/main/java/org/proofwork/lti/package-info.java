/**
 * Everything that speaks LTI 1.3 to a learning platform: platform registrations, the tool's signing keys and their
 * JWKS, launches, and the service clients; other modules only read the launch context it publishes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "LTI")
package org.proofwork.lti;
