package io.purplesector.service;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LOG_FORMAT}, the same switch for every service: {@code json} writes one JSON object per
 * line (Spring Boot's structured logging in Elastic Common Schema, which log shippers read as it
 * is), {@code simple} (the default) Spring Boot's usual console lines. Runs before the logging
 * system starts, so the first line of a service is already in the chosen format; an explicit
 * {@code logging.structured.format.console} still wins.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String VARIABLE = "LOG_FORMAT";
    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(VARIABLE, "");
        if (structured(format) && !environment.containsProperty(STRUCTURED_CONSOLE)) {
            environment.getPropertySources().addLast(new MapPropertySource("logFormat", Map.of(STRUCTURED_CONSOLE, "ecs")));
        }
    }

    /**
     * Whether the format asks for JSON lines.
     *
     * @throws IllegalArgumentException naming the variable and its values when it is neither
     */
    static boolean structured(String format) {
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> true;
            case "", "simple" -> false;
            default -> throw new IllegalArgumentException(
                    VARIABLE + " must be json or simple, not '" + format + "'");
        };
    }
}
