package org.proofwork.devplatform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The course's gradebook: line items (columns), from Deep Linking or created by the tool, and the scores the tool
 * posts, kept by Moodle's rules so the tool meets them here before it meets Moodle.
 */
@Component
@Profile("dev")
class DemoGradebook {

	static final String FULLY_GRADED = "FullyGraded";

	private static final Set<String> ACTIVITY_PROGRESS = Set.of("Initialized", "Started", "InProgress", "Submitted",
			"Completed");

	private static final Set<String> GRADING_PROGRESS = Set.of(FULLY_GRADED, "Pending", "PendingManual", "Failed",
			"NotReady");

	/** A gradebook column; {@code activityId} links it to a resource link, or is null for a manual column. */
	record LineItem(long id, String label, double scoreMaximum, String resourceId, String tag, Long activityId) {

		LineItem {
			if (label == null || label.isBlank()) {
				throw DemoRefusal.badRequest("A line item needs a label");
			}
			if (!(scoreMaximum > 0)) {
				throw DemoRefusal.badRequest("A line item's scoreMaximum must be greater than 0, was " + scoreMaximum);
			}
		}

		/** Public: pages show it. */
		public String scoreMaximumShown() {
			return shown(scoreMaximum);
		}
	}

	/**
	 * A learner's result in a column as the tool last posted it. {@code scoreGiven} is kept only for FullyGraded
	 * scores: Moodle clears the cell for anything else.
	 */
	record Score(String userId, Double scoreGiven, Double scoreMaximum, String activityProgress,
			String gradingProgress, String comment, Instant timestamp) {

		/** The score on the column's own scale, as Moodle rescales it. */
		Double gradebookScore(LineItem lineItem) {
			return scoreGiven == null ? null : scoreGiven * lineItem.scoreMaximum() / scoreMaximum;
		}
	}

	private final Map<Long, LineItem> lineItems = new ConcurrentSkipListMap<>();

	private final Map<Long, Map<String, Score>> scores = new ConcurrentHashMap<>();

	private final AtomicLong nextLineItemId = new AtomicLong(1);

	private final DemoCourse course;

	DemoGradebook(DemoCourse course) {
		this.course = course;
	}

	LineItem addLineItem(String label, double scoreMaximum, String resourceId, String tag, Long activityId) {
		if (activityId != null && course.activity(activityId).isEmpty()) {
			throw DemoRefusal.badRequest("resourceLinkId " + activityId + " is not a resource link of this course");
		}
		LineItem lineItem = new LineItem(nextLineItemId.getAndIncrement(), label, scoreMaximum, resourceId, tag,
				activityId);
		lineItems.put(lineItem.id(), lineItem);
		return lineItem;
	}

	List<LineItem> lineItems() {
		return new ArrayList<>(lineItems.values());
	}

	Optional<LineItem> lineItem(long id) {
		return Optional.ofNullable(lineItems.get(id));
	}

	List<LineItem> lineItemsOf(long activityId) {
		return lineItems.values().stream().filter(item -> Long.valueOf(activityId).equals(item.activityId())).toList();
	}

	Optional<Score> score(long lineItemId, String userId) {
		return Optional.ofNullable(scores.getOrDefault(lineItemId, Map.of()).get(userId));
	}

	List<Score> scores(long lineItemId) {
		return new ArrayList<>(scores.getOrDefault(lineItemId, Map.of()).values());
	}

	/** Takes a score the tool posted to a line item's {@code /scores}, or refuses it as Moodle would. */
	synchronized Score post(long lineItemId, JsonObject body) {
		LineItem lineItem = lineItem(lineItemId)
			.orElseThrow(() -> DemoRefusal.notFound("No line item " + lineItemId + " in this course"));
		String userId = body.requiredText("userId");
		DemoCourse.Member member = course.member(userId)
			.orElseThrow(() -> DemoRefusal.badRequest("userId " + userId + " is not a member of the course"));
		if (member.role() != DemoCourse.Role.LEARNER) {
			throw DemoRefusal.badRequest("userId " + userId + " is not a student in the course: only learners have grades");
		}
		Instant timestamp = timestamp(body.requiredText("timestamp"));
		String activityProgress = oneOf(body, "activityProgress", ACTIVITY_PROGRESS);
		String gradingProgress = oneOf(body, "gradingProgress", GRADING_PROGRESS);
		Double scoreGiven = body.number("scoreGiven");
		Double scoreMaximum = body.number("scoreMaximum");
		if (scoreGiven != null) {
			if (scoreMaximum == null) {
				throw DemoRefusal.badRequest("scoreMaximum is required when scoreGiven is sent");
			}
			if (scoreGiven < 0 || !(scoreMaximum > 0)) {
				throw DemoRefusal.badRequest("scoreGiven must be at least 0 and scoreMaximum greater than 0");
			}
		}
		Score previous = score(lineItemId, userId).orElse(null);
		// Moodle stores the time in whole seconds and wants a strictly later one.
		if (previous != null && timestamp.getEpochSecond() <= previous.timestamp().getEpochSecond()) {
			throw new DemoRefusal(HttpStatus.CONFLICT, "timestamp " + timestamp
					+ " is not later (to the second) than the stored score's " + previous.timestamp());
		}
		boolean graded = FULLY_GRADED.equals(gradingProgress) && scoreGiven != null;
		Score score = new Score(userId, graded ? scoreGiven : null, graded ? scoreMaximum : null, activityProgress,
				gradingProgress, body.text("comment"), timestamp);
		scores.computeIfAbsent(lineItem.id(), id -> new ConcurrentHashMap<>()).put(userId, score);
		return score;
	}

	/** A score as people read it: at most two decimals, none when whole. */
	static String shown(double value) {
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

	private static Instant timestamp(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw DemoRefusal.badRequest("timestamp must be an ISO 8601 date-time with offset, was " + text);
		}
	}

	private static String oneOf(JsonObject body, String name, Set<String> allowed) {
		String value = body.requiredText(name);
		if (!allowed.contains(value)) {
			throw DemoRefusal.badRequest(name + " must be one of " + allowed + ", was " + value);
		}
		return value;
	}
}
