package org.proofwork.catalog;

/**
 * One value a choice field offers.
 *
 * @param id the value stored
 * @param label what the educator sees
 */
public record Choice(String id, String label) {
}
