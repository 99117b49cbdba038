package org.proofwork.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser test: needs Debian's {@code chromium} and {@code chromium-driver}. Skipped with the reason where they are
 * missing, a failure in CI ({@code PROOFWORK_TEST_REQUIRE_EXTERNAL=true}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(Browser.Condition.class)
public @interface RequiresChromium {
}
