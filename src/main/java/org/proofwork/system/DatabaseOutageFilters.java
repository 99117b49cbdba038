package org.proofwork.system;

import java.io.IOException;
import java.util.EnumSet;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the web layer does while the database is unreachable. Every request that has a session needs the database
 * before it reaches a controller (sessions live in it), so the failure can surface in a filter, a controller or
 * while the response is written: wherever it does, the person gets the 503 page ("your work since the last save was
 * not saved, try again in a minute") and programs get problem JSON, and the log gets one WARN line instead of a stack
 * trace per request.
 * <p>
 * The error page itself must not need the database: Spring MVC reads flash attributes from the session on every
 * dispatch, the error dispatch included, and a failure there would leave the servlet container's bare error page.
 * (Spring Session's filter skips the error dispatch, {@code spring.session.servlet.filter-dispatcher-types} in
 * application.yml: otherwise it looked the session up again when the error page was written.)
 */
@Configuration(proxyBeanMethods = false)
class DatabaseOutageFilters {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilters.class);

	/** See {@link OncePerRequestConnectionFailure}. */
	@Bean
	static BeanPostProcessor oncePerRequestConnectionFailure() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof DataSource dataSource && !(bean instanceof OncePerRequestConnectionFailure)
						? new OncePerRequestConnectionFailure(dataSource) : bean;
			}
		};
	}

	/** Outside Spring Session's filter, so a failure to load or save the session is caught too. */
	@Bean
	FilterRegistrationBean<OutageToServiceUnavailable> outageToServiceUnavailable() {
		FilterRegistrationBean<OutageToServiceUnavailable> registration = new FilterRegistrationBean<>(
				new OutageToServiceUnavailable());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
		return registration;
	}

	/** Just inside Spring Session's filter on the error dispatch, where the error page asks for the session. */
	@Bean
	FilterRegistrationBean<SessionlessErrorDispatch> sessionlessErrorDispatch() {
		FilterRegistrationBean<SessionlessErrorDispatch> registration = new FilterRegistrationBean<>(
				new SessionlessErrorDispatch());
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 2);
		registration.setDispatcherTypes(EnumSet.of(DispatcherType.ERROR));
		return registration;
	}

	static class OutageToServiceUnavailable extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			OncePerRequestConnectionFailure.begin();
			try {
				chain.doFilter(request, response);
			}
			catch (ServletException | RuntimeException ex) {
				if (!DatabaseUnavailable.causedBy(ex) || response.isCommitted()) {
					throw ex;
				}
				log.warn("Database unavailable, answered 503 to {} {}: {}", request.getMethod(),
						request.getRequestURI(), DatabaseUnavailable.reason(ex));
				request.setAttribute(DatabaseUnavailable.ATTRIBUTE, Boolean.TRUE);
				response.resetBuffer();
				response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
			}
			finally {
				OncePerRequestConnectionFailure.end();
			}
		}
	}

	static class SessionlessErrorDispatch extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			chain.doFilter(new HttpServletRequestWrapper(request) {

				@Override
				public HttpSession getSession(boolean create) {
					try {
						return super.getSession(create);
					}
					catch (RuntimeException ex) {
						if (DatabaseUnavailable.causedBy(ex)) {
							return null;
						}
						throw ex;
					}
				}

				@Override
				public HttpSession getSession() {
					return getSession(true);
				}
			}, response);
		}

		@Override
		protected boolean shouldNotFilterErrorDispatch() {
			return false;
		}
	}
}
