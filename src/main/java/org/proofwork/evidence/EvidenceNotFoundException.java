package org.proofwork.evidence;

import org.proofwork.system.UserFacingException;

import org.springframework.http.HttpStatus;

/**
 * No such file for this owner. Deliberately the same answer whether the id does not exist or belongs to someone
 * else, so ids reveal nothing across tenants.
 */
public class EvidenceNotFoundException extends UserFacingException {

	EvidenceNotFoundException(String fileId) {
		super(HttpStatus.NOT_FOUND, "evidence.not-found.title", "evidence.not-found.advice",
				"no evidence file " + fileId + " for this owner");
	}
}
