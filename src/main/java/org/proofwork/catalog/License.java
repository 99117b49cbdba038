package org.proofwork.catalog;

/**
 * Under what terms the credential's text is published, and whom it credits; shown with the credential and carried
 * into the issued badge.
 *
 * @param attribution who the credential credits, in its words
 * @param notice the license notice, in its words
 */
public record License(String attribution, String notice) {
}
