package org.proofwork.lti;

import java.util.Locale;

import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;

/**
 * A login or launch the tool refuses. The page tells the person what went wrong and what they or their LMS
 * administrator should check; the log gets the technical reason.
 */
class LaunchRejectedException extends UserFacingException {

	enum Reason {
		MISSING_ID_TOKEN, MISSING_STATE, UNKNOWN_STATE, STATE_MISMATCH, NOT_A_JWT, UNSIGNED, WRONG_ALGORITHM,
		MISSING_KID, UNKNOWN_KID, BAD_SIGNATURE, KEYS_UNAVAILABLE, UNKNOWN_ISSUER, UNKNOWN_CLIENT, WRONG_AZP,
		EXPIRED, ISSUED_IN_FUTURE, MISSING_NONCE, WRONG_NONCE, WRONG_VERSION, UNKNOWN_MESSAGE_TYPE,
		UNKNOWN_DEPLOYMENT, WRONG_TARGET_LINK_URI, MISSING_SUB, MISSING_RESOURCE_LINK, MISSING_DEEP_LINKING_SETTINGS,
		MISSING_FOR_USER, PLATFORM_ERROR, LOGIN_UNKNOWN_ISSUER, LOGIN_AMBIGUOUS, LOGIN_MISSING_PARAMETER,
		LOGIN_TARGET_NOT_OURS;

		String code() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
	}

	private final Reason reason;

	LaunchRejectedException(Reason reason, String logDetail, Object... arguments) {
		super(HttpStatus.BAD_REQUEST, "lti.rejected." + reason.code() + ".title",
				"lti.rejected." + reason.code() + ".advice", "LTI " + reason + ": " + logDetail, arguments);
		this.reason = reason;
	}

	Reason reason() {
		return reason;
	}
}
