package io.purplesector.collector.ac;

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
class AcSettingsTest {

    private static final String PREFIX = "purplesector.ac";

    @Test
    void theDefaultsBindAndPassTheirRules() {
        assertThat(ServiceSettings.bind(AcProperties.class, PREFIX).gamePort()).isEqualTo(9996);
    }

    @Test
    void aValueAgainstARuleStopsTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> ServiceSettings.bind(AcProperties.class, PREFIX, PREFIX + ".game-port=70000"))
                .hasStackTraceContaining("origin \"" + PREFIX + ".game-port\"");
    }
}
