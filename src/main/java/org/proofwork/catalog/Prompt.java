package org.proofwork.catalog;

/**
 * A question a part's written answer addresses.
 *
 * @param id the prompt's id within its part
 * @param text the question as the credential words it, without its number
 */
public record Prompt(String id, String text) {
}
