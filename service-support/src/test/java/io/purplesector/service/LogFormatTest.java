package io.purplesector.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The switch itself; that the services then write JSON lines is shown by the local stack's test. */
class LogFormatTest {

    @Test
    void jsonSelectsSpringBootsStructuredConsoleLogging() {
        assertThat(consoleFormatWith(Map.of("LOG_FORMAT", "json"))).isEqualTo("ecs");
        assertThat(consoleFormatWith(Map.of("LOG_FORMAT", " JSON "))).isEqualTo("ecs");
    }

    @Test
    void simpleOrNothingKeepsTheUsualLines() {
        assertThat(consoleFormatWith(Map.of("LOG_FORMAT", "simple"))).isNull();
        assertThat(consoleFormatWith(Map.of())).isNull();
    }

    @Test
    void anExplicitStructuredFormatWins() {
        assertThat(consoleFormatWith(Map.of("LOG_FORMAT", "json", LogFormat.STRUCTURED_CONSOLE, "logstash")))
                .isEqualTo("logstash");
    }

    @Test
    void anyOtherValueStopsTheServiceAtStartWithAClearMessage() {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatIllegalArgumentException().isThrownBy(() -> application.run("--LOG_FORMAT=xml"))
                .withMessage("LOG_FORMAT must be json or simple, not 'xml'");
    }

    private static String consoleFormatWith(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new LogFormat().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(LogFormat.STRUCTURED_CONSOLE);
    }

    @Configuration(proxyBeanMethods = false)
    static class Empty {
    }
}
