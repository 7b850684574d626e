package io.purplesector.collector.publish;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every collector publishes to, under {@code purplesector.collector}.
 *
 * @param source the collector's name, in each record's {@code source} header and the metrics' tag
 * @param telemetryTopic the shared topic, for records of no user
 * @param userTopic how the users' topics this collector creates are set up
 * @param pendingRecords records that may wait for the producer (the broker away or slow) before
 *        new ones are dropped and counted; the producer's own buffer and delivery timeout come
 *        after it (see {@link TelemetryPublisher})
 * @param whenFull what a record meets when that many wait already: {@code drop} (live collection:
 *        counted, the collecting thread never waits) or {@code wait} (a replay, which can wait:
 *        set by the command line's {@code --replay})
 * @param degradedFor how long the {@code publisher} health stays DEGRADED after a frame was dropped
 */
@Validated
@ConfigurationProperties("purplesector.collector")
public record CollectorProperties(
        @NotBlank String source,
        @DefaultValue("telemetry") @NotBlank String telemetryTopic,
        @DefaultValue @NotNull @Valid UserTopicSettings userTopic,
        @DefaultValue("20000") @Min(1) @Max(10_000_000) int pendingRecords,
        @DefaultValue("drop") @NotNull WhenFull whenFull,
        @DefaultValue("1m") @NotNull Duration degradedFor) {

    /** What a record meets when the records waiting for the producer are at their limit. */
    public enum WhenFull {
        /** Dropped and counted. */
        DROP,
        /** Waits for room. */
        WAIT
    }
}
