package org.proofwork.lti;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.proofwork.system.UserFacingException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets any controller under {@code /launches/{launchId}/...} declare an {@link LtiLaunch} parameter. The launch comes
 * from the caller's own session only, so an id from another person, course or tab gives 404, never their data.
 */
@Configuration(proxyBeanMethods = false)
class LaunchArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

	private final LaunchSessions sessions;

	LaunchArgumentResolver(LaunchSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return LtiLaunch.class.equals(parameter.getParameterType());
	}

	@Override
	@SuppressWarnings("unchecked")
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
			NativeWebRequest webRequest, WebDataBinderFactory binders) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String launchId = variables == null ? null : variables.get("launchId");
		if (launchId == null) {
			throw new IllegalStateException(
					"An LtiLaunch parameter needs a {launchId} path variable: " + request.getRequestURI());
		}
		return sessions.find(request, launchId)
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "lti.session-ended.title",
					"lti.session-ended.advice", "launch " + launchId + " not in this session"));
	}
}
