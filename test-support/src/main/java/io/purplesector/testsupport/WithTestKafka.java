package io.purplesector.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points the Spring test context at {@link TestKafka}: sets {@code spring.kafka.bootstrap-servers}.
 * Contexts of different test classes stay shareable, since the broker is the same.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithTestKafka {
}
