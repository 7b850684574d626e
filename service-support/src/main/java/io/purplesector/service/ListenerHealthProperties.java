package io.purplesector.service;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the health of a service's Kafka listeners is judged.
 *
 * @param sampleInterval how often each listener's consumer group is compared with the ends of
 *        its partitions
 * @param stallTimeout a listener whose group has not moved a partition's committed offset for
 *        this long while records kept arriving on it is stalled, and its health DOWN
 */
@Validated
@ConfigurationProperties("purplesector.listeners")
public record ListenerHealthProperties(
        @NotNull @DurationMin(millis = 100) Duration sampleInterval,
        @NotNull @DurationMin(millis = 100) Duration stallTimeout) {

    public ListenerHealthProperties {
        sampleInterval = sampleInterval == null ? Duration.ofSeconds(10) : sampleInterval;
        stallTimeout = stallTimeout == null ? Duration.ofSeconds(60) : stallTimeout;
    }
}
