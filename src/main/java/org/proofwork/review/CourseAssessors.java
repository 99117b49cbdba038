package org.proofwork.review;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.lti.LtiLaunch;
import org.proofwork.lti.LtiRole;
import org.proofwork.lti.Member;
import org.proofwork.lti.NamesRoleService;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.lti.PlatformServiceException;
import org.proofwork.review.ReviewSettings.Assessor;
import org.springframework.stereotype.Component;

/**
 * The people who can be chosen as assessors: the course's active instructors and teaching assistants, from the
 * platform's roster (NRPS). Read when an instructor opens or saves the settings, never cached: a choice must come
 * from the roster as it is now.
 */
@Component
class CourseAssessors {

	private static final Logger log = LoggerFactory.getLogger(CourseAssessors.class);

	private final NamesRoleService names;

	private final PlatformRegistry platforms;

	CourseAssessors(NamesRoleService names, PlatformRegistry platforms) {
		this.names = names;
		this.platforms = platforms;
	}

	/** The roster's assessors, or empty when the platform offers no roster or could not be reached. */
	Optional<List<Assessor>> of(LtiLaunch launch) {
		if (launch.nrps() == null || launch.nrps().contextMemberships() == null) {
			return Optional.empty();
		}
		try {
			return platforms.find(launch.registrationId())
				.map(platform -> names.members(platform, launch.nrps().contextMemberships())
					.stream()
					.filter(member -> member.status() == Member.Status.ACTIVE
							&& member.roles().contains(LtiRole.ASSESSOR))
					.map(member -> new Assessor(member.userId(), name(member)))
					.sorted(Comparator.comparing(Assessor::name, String.CASE_INSENSITIVE_ORDER))
					.toList());
		}
		catch (PlatformServiceException ex) {
			log.warn("Roster of course {} could not be read for the review settings: {}", launch.courseKey(),
					ex.getMessage());
			return Optional.empty();
		}
	}

	private static String name(Member member) {
		if (member.name() != null && !member.name().isBlank()) {
			return member.name();
		}
		String joined = ((member.givenName() == null ? "" : member.givenName()) + " "
				+ (member.familyName() == null ? "" : member.familyName())).strip();
		return joined.isEmpty() ? member.userId() : joined;
	}
}
