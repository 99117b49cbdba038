package org.proofwork.submission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.lti.CourseKey;
import org.proofwork.lti.LtiLaunch;
import org.proofwork.lti.LtiRole;
import org.proofwork.lti.Member;
import org.proofwork.lti.NamesRoleService;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.lti.PlatformServiceException;
import org.springframework.stereotype.Component;

/**
 * The course roster through the platform's Names and Role Provisioning Service: the names de-identification
 * searches for, and the learners a team can add. Read at most every few minutes per course; when the platform
 * offers no roster service (or it fails) the workspace says so instead of failing.
 */
@Component
class CourseRoster {

	private static final Logger log = LoggerFactory.getLogger(CourseRoster.class);

	private static final Duration CACHE_FOR = Duration.ofMinutes(5);

	private final NamesRoleService names;

	private final PlatformRegistry platforms;

	private final Clock clock;

	private final Map<CourseKey, Cached> cache = new ConcurrentHashMap<>();

	CourseRoster(NamesRoleService names, PlatformRegistry platforms, Clock clock) {
		this.names = names;
		this.platforms = platforms;
		this.clock = clock;
	}

	boolean available(LtiLaunch launch) {
		return members(launch) != null;
	}

	List<String> names(LtiLaunch launch) {
		List<Member> members = members(launch);
		return members == null ? List.of()
				: members.stream().map(m -> m.name() == null ? "" : m.name()).filter(n -> !n.isBlank()).toList();
	}

	List<TeamMember> learners(LtiLaunch launch) {
		List<Member> members = members(launch);
		return members == null ? List.of()
				: members.stream()
					.filter(m -> m.roles().contains(LtiRole.EDUCATOR))
					.map(m -> new TeamMember(m.userId(), m.name() == null || m.name().isBlank() ? m.userId() : m.name(),
						m.email()))
					.toList();
	}

	private List<Member> members(LtiLaunch launch) {
		if (launch.nrps() == null) {
			return null;
		}
		Instant now = clock.instant();
		Cached cached = cache.get(launch.courseKey());
		if (cached != null && cached.readAt().plus(CACHE_FOR).isAfter(now)) {
			return cached.members();
		}
		try {
			List<Member> members = platforms.find(launch.registrationId())
				.map(platform -> names.members(platform, launch.nrps().contextMemberships()))
				.orElse(null);
			if (members != null) {
				cache.put(launch.courseKey(), new Cached(members, now));
			}
			return members;
		}
		catch (PlatformServiceException ex) {
			log.warn("Roster of course {} could not be read: {}", launch.courseKey(), ex.getMessage());
			return null;
		}
	}

	private record Cached(List<Member> members, Instant readAt) {
	}
}
