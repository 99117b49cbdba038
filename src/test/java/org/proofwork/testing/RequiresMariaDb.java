package org.proofwork.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that needs the real MariaDB (or MySQL) server at {@link MariaDb#HOST}:{@link MariaDb#PORT}. Skipped, with
 * the reason, where none runs; a failure instead when {@code PROOFWORK_TEST_REQUIRE_EXTERNAL=true} (CI), so a green
 * CI run has always exercised it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("mariadb")
@ExtendWith(MariaDb.Condition.class)
public @interface RequiresMariaDb {
}
