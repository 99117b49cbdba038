package org.proofwork.lti;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Keeps validated launches in the person's session. A session holds the launches of one person only: a launch for
 * somebody else (a shared computer) starts a fresh session, so nobody reaches another person's pages through the
 * browser history.
 */
@Component
class LaunchSessions {

	static final String LAUNCHES = LaunchSessions.class.getName() + ".launches";

	static final String AUTHORITY = "ROLE_LTI_LAUNCH";

	/** Enough for a person with many tabs; the oldest launch is forgotten first. */
	private static final int MAX_LAUNCHES = 20;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	void start(LtiLaunch launch, HttpServletRequest request, HttpServletResponse response) {
		HttpSession existing = request.getSession(false);
		Map<String, LtiLaunch> launches = new LinkedHashMap<>();
		if (existing != null) {
			Map<String, LtiLaunch> previous = launches(existing);
			boolean samePerson = previous.values().stream().allMatch(l -> l.personKey().equals(launch.personKey()));
			if (samePerson) {
				launches.putAll(previous);
				// A new session id after every sign-in (session fixation).
				request.changeSessionId();
			}
			else {
				existing.invalidate();
			}
		}
		launches.put(launch.launchId(), launch);
		while (launches.size() > MAX_LAUNCHES) {
			launches.remove(launches.keySet().iterator().next());
		}
		HttpSession session = request.getSession(true);
		session.setAttribute(LAUNCHES, launches);

		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
				launch.registrationId() + ":" + launch.user().id(), null,
				List.of(new SimpleGrantedAuthority(AUTHORITY))));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
	}

	Optional<LtiLaunch> find(HttpServletRequest request, String launchId) {
		HttpSession session = request.getSession(false);
		return session == null ? Optional.empty() : Optional.ofNullable(launches(session).get(launchId));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, LtiLaunch> launches(HttpSession session) {
		Object launches = session.getAttribute(LAUNCHES);
		return launches instanceof Map<?, ?> map ? (Map<String, LtiLaunch>) map : Map.of();
	}
}
