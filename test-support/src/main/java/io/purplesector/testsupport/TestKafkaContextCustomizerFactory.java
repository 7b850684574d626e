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
 * Backs {@link WithTestKafka}; registered in {@code META-INF/spring.factories} and active only for test
 * classes that carry the annotation.
 */
final class TestKafkaContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, WithTestKafka.class)) {
            return null;
        }
        return new Customizer();
    }

    /** Equal to every other instance, so the context cache may reuse contexts across classes. */
    private record Customizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testKafka",
                    Map.of("spring.kafka.bootstrap-servers", TestKafka.bootstrapServers())));
        }
    }
}
