/**
 * The credential catalog: every micro-credential's definition (parts, prompts, artifacts, evidence forms, rubrics and
 * earning rule), read from YAML data files and validated at start-up.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package org.proofwork.catalog;
