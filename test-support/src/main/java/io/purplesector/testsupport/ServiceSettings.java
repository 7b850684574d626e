package io.purplesector.testsupport;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * A service's configuration properties bound as at its start-up: from its own
 * {@code application.yml} (Spring Boot's config data), plus any values given, through Spring
 * Boot's binder and the properties' validation rules. A value against a rule throws what stops the
 * service, naming the property.
 */
public final class ServiceSettings {

    private ServiceSettings() {
    }

    /**
     * @param prefix the properties' prefix, {@code purplesector.demo} say
     * @param values {@code name=value} pairs laid over the service's {@code application.yml}
     */
    public static <T> T bind(Class<T> type, String prefix, String... values) {
        StandardEnvironment environment = new StandardEnvironment();
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        TestPropertyValues.of(values).applyTo(environment);
        try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
            validator.afterPropertiesSet();
            BindHandler rules = new ValidationBindHandler(validator);
            return Binder.get(environment).bindOrCreate(prefix, Bindable.of(type), rules);
        }
    }
}
