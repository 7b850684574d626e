package io.purplesector.collector.demo;

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
class DemoSettingsTest {

    private static final String PREFIX = "purplesector.demo";

    @Test
    void theDefaultsBindAndPassTheirRules() {
        assertThat(ServiceSettings.bind(DemoProperties.class, PREFIX).rateHz()).isEqualTo(60);
    }

    @Test
    void aValueAgainstARuleStopsTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> ServiceSettings.bind(DemoProperties.class, PREFIX, PREFIX + ".rate-hz=0"))
                .hasStackTraceContaining("origin \"" + PREFIX + ".rate-hz\"");
    }
}
