/**
 * Earned credentials: Open Badges 3.0 issuing on an Earned decision, public verification and revocation, the
 * registrar's evidence record, share links for universities and their credit requests.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Credential")
package org.proofwork.credential;
