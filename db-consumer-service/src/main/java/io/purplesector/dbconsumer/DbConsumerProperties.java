package io.purplesector.dbconsumer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the database consumer reads and how it writes. Defaults are in {@code application.yml}.
 *
 * @param topicPattern the telemetry topics to store, a regular expression over topic names
 * @param group the consumer group; the database keeps each group's own offsets
 * @param deadLetterTopic where records that cannot be stored go, with the reason in their headers
 * @param batch how frames are grouped into transactions
 * @param sessions when sessions that stopped sending are closed
 * @param retry how a batch that failed (the database away, say) is tried again
 * @param timescale policies applied when the database has TimescaleDB
 */
@Validated
@ConfigurationProperties("purplesector.db-consumer")
public record DbConsumerProperties(
        @NotBlank String topicPattern,
        @NotBlank String group,
        @NotBlank String deadLetterTopic,
        @NotNull @Valid Batch batch,
        @NotNull @Valid Sessions sessions,
        @NotNull @Valid Retry retry,
        @NotNull @Valid Timescale timescale) {

    /**
     * A transaction is written when {@code maxFrames} records are there or {@code flushInterval}
     * has passed since the first, whichever is first. Kafka does the waiting: these become the
     * consumer's {@code max.poll.records}, {@code fetch.min.bytes} and {@code fetch.max.wait.ms}.
     *
     * @param maxFrames records per transaction at most
     * @param flushInterval longest wait for a batch to fill
     * @param expectedRecordBytes typical size of a record in the log, to turn frames into bytes
     */
    public record Batch(@Min(1) @Max(100_000) int maxFrames,
            @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 10) Duration flushInterval,
            @Min(1) int expectedRecordBytes) {
    }

    /**
     * @param inactivityTimeout an open session nothing was stored for during this long is closed
     *        (reason INACTIVE); it opens again if frames come
     * @param inactivityCheck how often open sessions are checked
     */
    public record Sessions(@NotNull @DurationMin(seconds = 1) Duration inactivityTimeout,
            @NotNull @DurationMin(millis = 100) Duration inactivityCheck) {
    }

    /**
     * How a failed batch is tried again: with exponential back-off, without limit while the
     * cause is an outage (nothing is dropped while the database is away); a batch that fails for
     * another reason is tried {@code maxAttempts} times, then stored in parts, the records that
     * fail alone set apart to the dead-letter topic.
     *
     * @param initialInterval first pause after a failed batch
     * @param maxInterval longest pause
     * @param maxAttempts attempts of a batch that fails for a reason other than an outage
     * @param degradedFor how long the {@code ingest} health stays DEGRADED after a record was set apart
     */
    public record Retry(@NotNull @DurationMin(millis = 1) Duration initialInterval,
            @NotNull @DurationMin(millis = 1) Duration maxInterval,
            @Min(1) @Max(100) int maxAttempts,
            @NotNull @DurationMin(seconds = 0) Duration degradedFor) {
    }

    /**
     * @param compressAfter chunks of frames older than this are compressed
     * @param retention chunks of frames older than this are dropped; zero keeps them forever
     */
    public record Timescale(@NotNull Duration compressAfter, @NotNull Duration retention) {
    }
}
