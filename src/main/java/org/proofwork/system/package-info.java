/**
 * Cross-cutting web infrastructure every module relies on: settings, security headers, sessions, request ids and
 * the error pages and problem responses.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System")
package org.proofwork.system;
