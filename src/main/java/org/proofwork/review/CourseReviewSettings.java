package org.proofwork.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.proofwork.lti.CourseKey;
import org.proofwork.review.ReviewSettings.Assessor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code review_course_settings} table: a row only for courses whose instructor changed the default. */
@Repository
class CourseReviewSettings {

	private static final String SELECT = """
			SELECT double_blind, first_assessor_subject, first_assessor_name, second_assessor_subject,
			  second_assessor_name
			FROM review_course_settings
			WHERE registration_id = :registration AND deployment_id = :deployment AND context_id = :context
			""";

	private final JdbcClient jdbc;

	CourseReviewSettings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ReviewSettings of(CourseKey course) {
		return jdbc.sql(SELECT).params(keys(course)).query(CourseReviewSettings::row).optional()
			.orElse(ReviewSettings.ONE_ASSESSOR);
	}

	/**
	 * The settings, with the course's row locked until the transaction ends: double-blind submissions and
	 * reconciliations of a course take turns, so the second of two assessors submitting at once always sees the
	 * first's scores.
	 */
	ReviewSettings locked(CourseKey course) {
		return jdbc.sql(SELECT + " FOR UPDATE").params(keys(course)).query(CourseReviewSettings::row).optional()
			.orElse(ReviewSettings.ONE_ASSESSOR);
	}

	void save(CourseKey course, ReviewSettings settings, String by, Instant at) {
		Map<String, Object> values = keys(course);
		values.put("doubleBlind", settings.doubleBlind());
		values.put("firstSubject", settings.first().map(Assessor::subject).orElse(null));
		values.put("firstName", settings.first().map(Assessor::name).orElse(null));
		values.put("secondSubject", settings.second().map(Assessor::subject).orElse(null));
		values.put("secondName", settings.second().map(Assessor::name).orElse(null));
		values.put("by", by);
		values.put("at", Timestamp.from(at));
		int updated = jdbc.sql("""
				UPDATE review_course_settings SET double_blind = :doubleBlind, first_assessor_subject = :firstSubject,
				  first_assessor_name = :firstName, second_assessor_subject = :secondSubject,
				  second_assessor_name = :secondName, updated_by = :by, updated_at = :at
				WHERE registration_id = :registration AND deployment_id = :deployment AND context_id = :context
				""").params(values).update();
		if (updated == 0) {
			try {
				jdbc.sql("""
						INSERT INTO review_course_settings (registration_id, deployment_id, context_id, double_blind,
						  first_assessor_subject, first_assessor_name, second_assessor_subject, second_assessor_name,
						  updated_by, updated_at)
						VALUES (:registration, :deployment, :context, :doubleBlind, :firstSubject, :firstName,
						  :secondSubject, :secondName, :by, :at)
						""").params(values).update();
			}
			catch (DuplicateKeyException ex) {
				// Two instructors saved the course's first settings at once: the later save wins, as it would have.
				save(course, settings, by, at);
			}
		}
	}

	private static Map<String, Object> keys(CourseKey course) {
		Map<String, Object> keys = new HashMap<>();
		keys.put("registration", course.registrationId());
		keys.put("deployment", course.deploymentId());
		keys.put("context", course.contextId());
		return keys;
	}

	private static ReviewSettings row(ResultSet rs, int row) throws SQLException {
		return new ReviewSettings(rs.getBoolean("double_blind"),
				assessor(rs.getString("first_assessor_subject"), rs.getString("first_assessor_name")),
				assessor(rs.getString("second_assessor_subject"), rs.getString("second_assessor_name")));
	}

	private static Optional<Assessor> assessor(String subject, String name) {
		return subject == null ? Optional.empty() : Optional.of(new Assessor(subject, name));
	}
}
