package org.proofwork.system;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error ends here. People get a page that fits inside the LMS frame and says what happened and what to do;
 * programs (anything that does not ask for HTML) get RFC 9457 problem JSON. Neither ever shows a stack trace or an
 * internal exception message. A database outage is a 503 with {@code Retry-After}, not a 500: nothing is wrong with
 * the request, and trying again in a minute is the right advice (see {@link DatabaseOutageFilters}).
 */
@Controller
@RequestMapping("/error")
class ErrorPageController implements ErrorController {

	static final String VIEW = "error/error";

	/** A database restart takes seconds to a minute. */
	static final String RETRY_AFTER_SECONDS = "30";

	private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

	private final ErrorAttributes errorAttributes;

	private final MessageSource messages;

	ErrorPageController(ErrorAttributes errorAttributes, MessageSource messages) {
		this.errorAttributes = errorAttributes;
		this.messages = messages;
	}

	@RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView page(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		Explanation explanation = explain(request, locale);
		retryAfter(explanation, response);
		return new ModelAndView(VIEW,
				Map.of("status", explanation.status().value(), "title", explanation.title(), "advice",
						explanation.advice(), "requestId", RequestIds.of(request)),
				explanation.status());
	}

	@RequestMapping
	ResponseEntity<ProblemDetail> problem(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		Explanation explanation = explain(request, locale);
		retryAfter(explanation, response);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(explanation.status(), explanation.advice());
		problem.setTitle(explanation.title());
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (path != null) {
			problem.setInstance(java.net.URI.create(path.toString()));
		}
		problem.setProperty("requestId", RequestIds.of(request));
		return ResponseEntity.status(explanation.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private Explanation explain(HttpServletRequest request, Locale locale) {
		Throwable error = errorAttributes.getError(new ServletWebRequest(request));
		UserFacingException userFacing = find(error);
		if (userFacing != null) {
			log.warn("Refused {}: {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
					userFacing.getMessage());
			return new Explanation(userFacing.status(),
					messages.getMessage(userFacing.titleCode(), userFacing.arguments(), locale),
					messages.getMessage(userFacing.adviceCode(), userFacing.arguments(), locale));
		}
		if (request.getAttribute(DatabaseUnavailable.ATTRIBUTE) != null || DatabaseUnavailable.causedBy(error)) {
			if (request.getAttribute(DatabaseUnavailable.ATTRIBUTE) == null) {
				log.warn("Database unavailable, answered 503 to {}: {}",
						request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), DatabaseUnavailable.reason(error));
			}
			return new Explanation(HttpStatus.SERVICE_UNAVAILABLE,
					messages.getMessage("error.database.title", null, locale),
					messages.getMessage("error.database.advice", null, locale));
		}
		HttpStatus status = status(request);
		if (status.is5xxServerError()) {
			log.error("Failed {}", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), error);
		}
		String key = "error." + (messages.getMessage("error." + status.value() + ".title", null, null, locale) != null
				? status.value() : status.is4xxClientError() ? "4xx" : "5xx");
		return new Explanation(status, messages.getMessage(key + ".title", null, locale),
				messages.getMessage(key + ".advice", null, locale));
	}

	/** A 503 tells browsers' scripts and proxies when trying again makes sense. */
	private static void retryAfter(Explanation explanation, HttpServletResponse response) {
		if (explanation.status() == HttpStatus.SERVICE_UNAVAILABLE && !response.containsHeader(HttpHeaders.RETRY_AFTER)) {
			response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
	}

	private static UserFacingException find(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof UserFacingException userFacing) {
				return userFacing;
			}
		}
		return null;
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
		return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
	}

	private record Explanation(HttpStatus status, String title, String advice) {
	}
}
