package org.proofwork.devplatform;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Shows a refusal of the demo LMS with its reason: a page when a browser (usually the launch frame) asked, problem
 * JSON when the tool's server did. A real platform is terser; the demo says exactly what was wrong, because it exists
 * to help whoever is building the tool side.
 */
@ControllerAdvice(basePackageClasses = DemoRefusalHandler.class)
@Profile("dev")
class DemoRefusalHandler {

	static final String VIEW = "devplatform/refused";

	private static final Logger log = LoggerFactory.getLogger(DemoRefusalHandler.class);

	@ExceptionHandler(DemoRefusal.class)
	Object refused(DemoRefusal refusal, HttpServletRequest request) {
		HttpStatus status = refusal.status();
		log.info("Demo LMS refused {} {} with {}: {}", request.getMethod(), request.getRequestURI(), status.value(),
				refusal.reason());
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
			return new ModelAndView(VIEW, Map.of("status", status.value(), "reason", refusal.reason()), status);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refusal.reason());
		problem.setTitle(status.getReasonPhrase());
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (status == HttpStatus.UNAUTHORIZED) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		}
		return response.body(problem);
	}
}
