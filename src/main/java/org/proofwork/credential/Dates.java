package org.proofwork.credential;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the credential pages, records and exports show times: the same on every node and for every reader. */
final class Dates {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private Dates() {
	}

	static String day(Instant instant) {
		return instant == null ? "" : DAY.format(instant);
	}

	static String minute(Instant instant) {
		return instant == null ? "" : MINUTE.format(instant);
	}
}
