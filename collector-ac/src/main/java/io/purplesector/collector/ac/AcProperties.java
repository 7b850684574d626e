package io.purplesector.collector.ac;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the collector reaches the game and what it publishes.
 *
 * @param userId whose car this is: records go to that user's topic (the shared topic when empty)
 * @param gameHost where Assetto Corsa runs
 * @param gamePort its remote-telemetry port
 * @param handshakeInterval how often the handshake is sent until the game answers
 * @param silenceTimeout without car data for this long, the session ends and the collector
 *        handshakes again (game paused, session changed, game restarted)
 * @param maxRateHz frames published per second at most (0: every datagram); lap changes always pass
 * @param record a pcap file to write every received datagram to
 * @param replay a pcap file to read instead of listening to the game
 * @param replaySpeed 1 replays at the recorded pace, 0 as fast as possible
 */
@Validated
@ConfigurationProperties("purplesector.ac")
public record AcProperties(
        String userId,
        @NotBlank String gameHost,
        @Min(1) @Max(65535) int gamePort,
        @NotNull @DurationMin(millis = 100) Duration handshakeInterval,
        @NotNull @DurationMin(millis = 200) Duration silenceTimeout,
        @Min(0) int maxRateHz,
        @Nullable Path record,
        @Nullable Path replay,
        @Min(0) double replaySpeed) {
}
