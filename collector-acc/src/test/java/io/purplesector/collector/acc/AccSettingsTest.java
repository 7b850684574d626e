package io.purplesector.collector.acc;

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
class AccSettingsTest {

    private static final String PREFIX = "purplesector.acc";

    @Test
    void theDefaultsBindAndPassTheirRules() {
        assertThat(ServiceSettings.bind(AccProperties.class, PREFIX).sharedMemory().pollRateHz()).isEqualTo(60);
    }

    @Test
    void aValueAgainstARuleStopsTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> ServiceSettings.bind(AccProperties.class, PREFIX,
                PREFIX + ".shared-memory.poll-rate-hz=1000"))
                .hasStackTraceContaining("origin \"" + PREFIX + ".shared-memory.poll-rate-hz\"");
    }
}
