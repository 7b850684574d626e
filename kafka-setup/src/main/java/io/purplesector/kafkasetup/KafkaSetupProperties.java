package io.purplesector.kafkasetup;

import io.purplesector.telemetry.proto.kafka.TopicDefinition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What kafka-setup ensures. Defaults are in {@code application.yml}.
 *
 * @param timeout how long to wait for the cluster, per request, before giving up
 * @param replicationFactor copies of each partition; {@code null} follows the cluster size (up to
 *        three)
 * @param addPartitions whether an existing topic with fewer partitions than configured gets more;
 *        off by default because it moves sessions to other partitions
 * @param topics the topics to ensure
 */
@Validated
@ConfigurationProperties("purplesector.kafka-setup")
record KafkaSetupProperties(
        @NotNull @DurationMin(seconds = 1) Duration timeout,
        @Nullable @Min(1) @Max(Short.MAX_VALUE) Short replicationFactor,
        boolean addPartitions,
        @NotNull @Valid Topics topics) {

    /**
     * @param telemetry the shared telemetry topic (per-user topics copy its settings)
     * @param commands requests from dashboards to collectors
     * @param health where the health probe writes one small record per run
     */
    record Topics(@NotNull @Valid Topic telemetry, @NotNull @Valid Topic commands, @NotNull @Valid Topic health) {

        List<TopicDefinition> definitions() {
            return List.of(telemetry.definition(), commands.definition(), health.definition());
        }
    }

    record Topic(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,249}",
                    message = "must be 1 to 249 characters: ASCII letters, digits, '.', '_' or '-'") String name,
            @Min(1) int partitions,
            @NotNull @DurationMin(millis = 1) Duration retention,
            @NotNull @DurationMin(millis = 1) Duration segment) {

        TopicDefinition definition() {
            return new TopicDefinition(name, partitions, retention, segment);
        }
    }
}
