package io.purplesector.kafkasetup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.ServiceSettings;
import org.junit.jupiter.api.Test;

/**
 * The service's settings: its {@code application.yml} binds and passes the rules, and a value
 * against one stops the service, naming the property as it was set.
 */
@BadInput
class KafkaSetupSettingsTest {

    private static final String PREFIX = "purplesector.kafka-setup";

    @Test
    void theDefaultsBindAndPassTheirRules() {
        assertThat(ServiceSettings.bind(KafkaSetupProperties.class, PREFIX).topics().telemetry().partitions())
                .isEqualTo(10);
    }

    @Test
    void aValueAgainstARuleStopsTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> ServiceSettings.bind(KafkaSetupProperties.class, PREFIX,
                PREFIX + ".topics.telemetry.partitions=0"))
                .hasStackTraceContaining("origin \"" + PREFIX + ".topics.telemetry.partitions\"");
    }
}
