package io.purplesector.dbconsumer;

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
class DbConsumerSettingsTest {

    private static final String PREFIX = "purplesector.db-consumer";

    @Test
    void theDefaultsBindAndPassTheirRules() {
        assertThat(ServiceSettings.bind(DbConsumerProperties.class, PREFIX).batch().maxFrames()).isEqualTo(10_000);
    }

    @Test
    void aValueAgainstARuleStopsTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> ServiceSettings.bind(DbConsumerProperties.class, PREFIX,
                PREFIX + ".batch.max-frames=0"))
                .hasStackTraceContaining("origin \"" + PREFIX + ".batch.max-frames\"");
    }
}
