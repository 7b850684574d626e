package io.purplesector.collector.acc;

import io.purplesector.collector.acc.broadcasting.BroadcastingSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the collector reaches ACC and what it publishes.
 *
 * @param userId whose car this is: records go to that user's topic (the shared topic when empty)
 * @param gameHost where ACC runs (its broadcasting; shared memory is always this machine's)
 * @param gamePort the {@code updListenerPort} of the game's broadcasting.json
 * @param silenceTimeout without a word from either source for this long, the session ends
 * @param broadcasting the broadcasting client
 * @param sharedMemory the shared-memory reader
 * @param commands where commands for ACC arrive
 * @param record a pcap file to write broadcasting's datagrams to, the pages beside it ({@code .pages})
 * @param replay a recording to play instead of listening to the game
 * @param replaySpeed 1 replays at the recorded pace, 0 as fast as possible
 */
@Validated
@ConfigurationProperties("purplesector.acc")
public record AccProperties(
        String userId,
        @NotBlank String gameHost,
        @Min(1) @Max(65535) int gamePort,
        @NotNull @DurationMin(millis = 200) Duration silenceTimeout,
        @NotNull @Valid Broadcasting broadcasting,
        @NotNull @Valid SharedMemory sharedMemory,
        @NotNull @Valid Commands commands,
        @Nullable Path record,
        @Nullable Path replay,
        @Min(0) double replaySpeed) {

    /**
     * @param topic the commands topic
     * @param group consumer group; unique per instance, so that every instance sees every command
     */
    public record Commands(@NotBlank String topic, @NotBlank String group) {
    }

    /**
     * @param enabled false: shared memory only
     * @param displayName the name ACC shows for this client
     * @param connectionPassword the {@code connectionPassword} of the game's broadcasting.json
     * @param commandPassword the game's {@code commandPassword}, for commands; read-only otherwise
     * @param updateInterval how often ACC sends the session and every car
     * @param registerInterval how often registration is tried until ACC answers
     */
    public record Broadcasting(
            boolean enabled,
            @NotBlank String displayName,
            @NotNull String connectionPassword,
            @NotNull String commandPassword,
            @NotNull @DurationMin(millis = 10) @DurationMax(seconds = 60) Duration updateInterval,
            @NotNull @DurationMin(millis = 100) Duration registerInterval) {

        /** The client's settings, silent after {@code silenceTimeout}. */
        public BroadcastingSettings settings(Duration silenceTimeout) {
            return new BroadcastingSettings(displayName, connectionPassword, commandPassword, updateInterval,
                    registerInterval, silenceTimeout);
        }
    }

    /**
     * @param enabled false: broadcasting only
     * @param source where the pages are: {@code auto} (Windows' mappings on Windows, the directory
     *        elsewhere), {@code windows} or {@code files}
     * @param directory where a Linux bridge (or the simulator) puts the page files
     * @param pollRateHz pages read per second: 60 is plenty for dashboards, 333 is the game's rate
     */
    public record SharedMemory(
            boolean enabled,
            @NotNull SourceKind source,
            @NotNull Path directory,
            @Min(1) @Max(333) int pollRateHz) {
    }

    /** Where the shared-memory pages are read from. */
    public enum SourceKind {
        AUTO, WINDOWS, FILES
    }
}
