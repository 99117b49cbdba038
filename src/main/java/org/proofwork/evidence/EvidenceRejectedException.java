package org.proofwork.evidence;

import java.util.Locale;

import org.proofwork.system.UserFacingException;

import org.springframework.http.HttpStatus;

/**
 * An upload Proofwork refuses. Nothing of the file is kept. The message ({@link #titleCode()} with
 * {@link #arguments()}, the first argument always being the file's name) says which file and why, in words the
 * uploader can act on; {@link #adviceCode()} says what to do. The log gets the technical detail.
 */
public class EvidenceRejectedException extends UserFacingException {

	/** Why a file was refused. */
	public enum Reason {

		/** The file has no bytes. */
		EMPTY(HttpStatus.BAD_REQUEST),

		/** The file is larger than its kind allows. Arguments: file, kind, limit. */
		TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),

		/** The file would take the submission past its total. Arguments: file, limit, already used. */
		SUBMISSION_FULL(HttpStatus.CONTENT_TOO_LARGE),

		/** The slot does not accept the file's type. Arguments: file, its type, the accepted types. */
		TYPE_NOT_ACCEPTED(HttpStatus.UNSUPPORTED_MEDIA_TYPE),

		/** A type never accepted: web pages, SVG, XML, scripts, programs, archives. Arguments: file, its type. */
		TYPE_FORBIDDEN(HttpStatus.UNSUPPORTED_MEDIA_TYPE),

		/** An office document with macros. Arguments: file. */
		MACROS(HttpStatus.UNSUPPORTED_MEDIA_TYPE),

		/** An office document that unpacks to more than the limit (a zip bomb). Arguments: file, limit. */
		UNPACKS_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),

		/** An office document made of more parts than the limit. Arguments: file, limit. */
		TOO_MANY_PARTS(HttpStatus.CONTENT_TOO_LARGE),

		/** The file cannot be read as the type its bytes start like. Arguments: file, its type. */
		DAMAGED(HttpStatus.BAD_REQUEST),

		/** A photo with more pixels than the limit. Arguments: file, width, height, limit in megapixels. */
		TOO_MANY_PIXELS(HttpStatus.CONTENT_TOO_LARGE);

		private final HttpStatus status;

		Reason(HttpStatus status) {
			this.status = status;
		}

		String code() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
	}

	private final Reason reason;

	private final String fileName;

	EvidenceRejectedException(Reason reason, String fileName, String logDetail, Object... arguments) {
		super(reason.status, "evidence.rejected." + reason.code() + ".title",
				"evidence.rejected." + reason.code() + ".advice",
				"evidence " + reason + " for '" + fileName + "': " + logDetail, prepend(fileName, arguments));
		this.reason = reason;
		this.fileName = fileName;
	}

	public Reason reason() {
		return reason;
	}

	/** The name the file was uploaded with, as shown to its uploader. */
	public String fileName() {
		return fileName;
	}

	private static Object[] prepend(String fileName, Object[] arguments) {
		Object[] all = new Object[arguments.length + 1];
		all[0] = fileName;
		System.arraycopy(arguments, 0, all, 1, arguments.length);
		return all;
	}
}
