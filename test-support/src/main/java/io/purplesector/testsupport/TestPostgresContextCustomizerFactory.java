package io.purplesector.testsupport;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Backs {@link WithTestPostgres}; registered in {@code META-INF/spring.factories} and active only for test
 * classes that carry the annotation.
 */
final class TestPostgresContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, WithTestPostgres.class)) {
            return null;
        }
        return new Customizer(TestPostgres.createDatabase());
    }

    /** Equal only for the same database, so each test class has its own context. */
    private record Customizer(TestDatabase database) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testPostgres", Map.of(
                    "spring.datasource.url", database.jdbcUrl(),
                    "spring.datasource.username", database.user(),
                    "spring.datasource.password", database.password())));
        }
    }
}
