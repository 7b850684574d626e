package io.purplesector.service;

import io.purplesector.telemetry.proto.kafka.TopicDefinition;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** How a collector creates its users' topics: as kafka-setup creates the shared one. */
public record UserTopicSettings(@Min(1) int partitions, @NotNull @DurationMin(millis = 1) Duration retention,
        @NotNull @DurationMin(millis = 1) Duration segment) {

    public TopicDefinition definition(String name) {
        return new TopicDefinition(name, partitions, retention, segment);
    }
}
