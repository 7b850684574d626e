package io.purplesector.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the Spring test context a database of its own on {@link TestPostgres}: sets
 * {@code spring.datasource.url}, {@code username} and {@code password}. Each annotated test class
 * gets a new, empty database, so its context is not shared with other classes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithTestPostgres {
}
