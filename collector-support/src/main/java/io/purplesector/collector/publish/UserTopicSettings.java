package io.purplesector.collector.publish;

import io.purplesector.telemetry.proto.kafka.TopicDefinition;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a collector creates its users' topics: as kafka-setup creates the shared one. One partition
 * by default: a user drives one session at a time (why, and what more would cost:
 * docs/kafka-records.md).
 */
public record UserTopicSettings(@DefaultValue("1") @Min(1) int partitions,
        @DefaultValue("1h") @NotNull @DurationMin(millis = 1) Duration retention,
        @DefaultValue("10m") @NotNull @DurationMin(millis = 1) Duration segment) {

    public TopicDefinition definition(String name) {
        return new TopicDefinition(name, partitions, retention, segment);
    }
}
