package io.purplesector.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that throws bad input at a service (malformed datagrams, garbage and floods at the
 * WebSocket, poison records, invalid requests and configuration) and checks its defined answer.
 * Every such test of every module runs together, and alone, with
 * {@code ./mvnw -T 2 verify -Dgroups=bad-input} (docs/RELIABILITY.md).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("bad-input")
public @interface BadInput {
}
