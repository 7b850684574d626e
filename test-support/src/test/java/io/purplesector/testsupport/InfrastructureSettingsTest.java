package io.purplesector.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InfrastructureSettingsTest {

    @Test
    void usesEmbeddedServicesWhenTheEnvironmentNamesNone() {
        InfrastructureSettings settings = InfrastructureSettings.from(Map.of("PS_TEST_KAFKA_BROKERS", "  "));

        assertThat(settings.kafkaBrokers()).isNull();
        assertThat(settings.postgres()).isNull();
    }

    @Test
    void usesExternalServicesNamedByTheEnvironment() {
        InfrastructureSettings settings = InfrastructureSettings.from(Map.of(
                "PS_TEST_KAFKA_BROKERS", "broker-1:9092,broker-2:9092",
                "PS_TEST_DATABASE_URL", "jdbc:postgresql://db:5432/postgres",
                "PS_TEST_DATABASE_USER", "ci",
                "PS_TEST_DATABASE_PASSWORD", "secret"));

        assertThat(settings.kafkaBrokers()).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(settings.postgres()).isEqualTo(new InfrastructureSettings.ExternalPostgres(
                "jdbc:postgresql://db:5432/postgres", "ci", "secret"));
    }

    @Test
    void refusesDatabaseUrlThatIsNotJdbc() {
        assertThatThrownBy(() -> InfrastructureSettings.from(Map.of("PS_TEST_DATABASE_URL", "postgresql://db/x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PS_TEST_DATABASE_URL must be a JDBC URL")
                .hasMessageContaining("postgresql://db/x");
    }
}
