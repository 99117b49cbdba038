package org.proofwork.devplatform;

import org.springframework.http.HttpStatus;

/**
 * The demo LMS refusing a request the way a real platform would, with the reason a tool developer needs to put it
 * right. {@link DemoRefusalHandler} shows it as a page in a frame or as problem JSON to a program.
 */
class DemoRefusal extends RuntimeException {

	private final HttpStatus status;

	DemoRefusal(HttpStatus status, String reason) {
		super(reason);
		this.status = status;
	}

	static DemoRefusal badRequest(String reason) {
		return new DemoRefusal(HttpStatus.BAD_REQUEST, reason);
	}

	static DemoRefusal notFound(String reason) {
		return new DemoRefusal(HttpStatus.NOT_FOUND, reason);
	}

	HttpStatus status() {
		return status;
	}

	String reason() {
		return getMessage();
	}
}
