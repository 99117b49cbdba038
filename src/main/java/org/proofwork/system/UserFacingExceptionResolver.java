package org.proofwork.system;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns a {@link UserFacingException} into its status and hands it to the error page, without the stack trace the
 * servlet container would log for an unhandled exception: these are expected refusals, not failures.
 */
@Component
class UserFacingExceptionResolver implements HandlerExceptionResolver, Ordered {

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception exception) {
		if (!(exception instanceof UserFacingException userFacing)) {
			return null;
		}
		try {
			response.sendError(userFacing.status().value());
		}
		catch (IOException ex) {
			return null;
		}
		return new ModelAndView();
	}

	@Override
	public int getOrder() {
		// After Boot's DefaultErrorAttributes, which records the exception for the error page.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}
}
