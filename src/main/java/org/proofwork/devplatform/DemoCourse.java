package org.proofwork.devplatform;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one course of the demo LMS, its people and the activities (resource links) Deep Linking has placed in it. User
 * ids are opaque strings, as on a real platform: the tool must not read anything into them.
 */
@Component
@Profile("dev")
class DemoCourse {

	static final String ID = "fp-2041";

	static final String LABEL = "FP 101";

	static final String TITLE = "Demo course: Family Partnerships";

	/** The LTI context type Moodle sends for a course. */
	static final String CONTEXT_TYPE = "http://purl.imsglobal.org/vocab/lis/v2/course#CourseSection";

	enum Role {

		INSTRUCTOR("http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor", "Instructor"),

		/** A sub-role has no short name in the roster: it is sent in full there too. */
		TEACHING_ASSISTANT("http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
				"http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"),

		LEARNER("http://purl.imsglobal.org/vocab/lis/v2/membership#Learner", "Learner");

		private final String uri;

		private final String rosterName;

		Role(String uri, String rosterName) {
			this.uri = uri;
			this.rosterName = rosterName;
		}

		/** The role URI a launch carries. */
		String uri() {
			return uri;
		}

		/** The role as the roster service (NRPS) names it: Moodle's short names. */
		String rosterName() {
			return rosterName;
		}

		boolean teaches() {
			return this != LEARNER;
		}
	}

	record Member(String userId, String givenName, String familyName, String email, Role role) {

		// Public: pages read it.
		public String name() {
			return givenName + " " + familyName;
		}
	}

	/** A resource link, created from a Deep Linking item; {@code url} may be null (the tool's default target). */
	record Activity(long id, String title, String text, String url, Map<String, String> custom,
			String documentTarget, Instant createdAt) {

		Activity {
			custom = Map.copyOf(custom);
		}

		String resourceLinkId() {
			return String.valueOf(id);
		}
	}

	private static final List<Member> MEMBERS = List.of(
			new Member("7f3a9c21e8", "Ines", "Instructor", "ines.instructor@example.edu", Role.INSTRUCTOR),
			new Member("b41d06e5a2", "Theo", "Assistant", "theo.assistant@example.edu", Role.TEACHING_ASSISTANT),
			new Member("2c8e5f9047", "Lee", "Learner", "lee.learner@example.edu", Role.LEARNER),
			new Member("e96b13d7c0", "Maria", "Garcia", "maria.garcia@example.edu", Role.LEARNER),
			new Member("5a0f7b38d6", "Sam", "Okafor", "sam.okafor@example.edu", Role.LEARNER));

	private final Map<Long, Activity> activities = new ConcurrentSkipListMap<>();

	private final AtomicLong nextActivityId = new AtomicLong(101);

	private final Clock clock;

	DemoCourse(Clock clock) {
		this.clock = clock;
	}

	List<Member> members() {
		return MEMBERS;
	}

	List<Member> learners() {
		return MEMBERS.stream().filter(member -> member.role() == Role.LEARNER).toList();
	}

	Member instructor() {
		return MEMBERS.get(0);
	}

	Optional<Member> member(String userId) {
		return MEMBERS.stream().filter(member -> member.userId().equals(userId)).findFirst();
	}

	/** The person a page acts as ({@code ?as=}): the instructor when none is named. */
	Member actingAs(String userId) {
		if (userId == null || userId.isBlank()) {
			return instructor();
		}
		return member(userId)
			.orElseThrow(() -> new DemoRefusal(HttpStatus.NOT_FOUND, "No member " + userId + " in the course"));
	}

	Activity addActivity(String title, String text, String url, Map<String, String> custom, String documentTarget) {
		Activity activity = new Activity(nextActivityId.getAndIncrement(), title, text, url, custom, documentTarget,
				clock.instant());
		activities.put(activity.id(), activity);
		return activity;
	}

	Optional<Activity> activity(long id) {
		return Optional.ofNullable(activities.get(id));
	}

	List<Activity> activities() {
		return new ArrayList<>(activities.values());
	}
}
