package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Authentication is never off by accident: the bridge refuses to start until it is decided. */
@BadInput
class AuthSettingIT {

    @Test
    void refusesToStartWithoutAnExplicitAuthenticationSetting() {
        assertThatThrownBy(() -> start("--server.port=0"))
                .hasStackTraceContaining("purplesector.bridge.auth")
                .hasStackTraceContaining("must be set: true (clients present a signed token) or false");
    }

    @Test
    void refusesAuthenticationWithoutAKey() {
        assertThatThrownBy(() -> start("--server.port=0", "--spring.profiles.active=prod"))
                .hasStackTraceContaining("set exactly one of hmac-secret (at least 32 bytes) or jwks-uri");
        assertThatThrownBy(() -> start("--server.port=0", "--purplesector.bridge.auth.enabled=true",
                "--purplesector.bridge.auth.hmac-secret=too-short"))
                .hasStackTraceContaining("set exactly one of hmac-secret");
    }

    private static void start(String... arguments) {
        String[] all = java.util.stream.Stream.concat(
                java.util.stream.Stream.of("--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers()),
                java.util.stream.Stream.of(arguments)).toArray(String[]::new);
        new SpringApplicationBuilder(BridgeApplication.class).run(all).close();
    }
}
