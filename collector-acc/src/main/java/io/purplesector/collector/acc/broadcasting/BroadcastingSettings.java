package io.purplesector.collector.acc.broadcasting;

import java.time.Duration;

/**
 * How the collector registers with ACC's broadcasting (B.3, B.7).
 *
 * @param displayName the name ACC shows for this client
 * @param connectionPassword must equal {@code connectionPassword} of the game's broadcasting.json
 * @param commandPassword when it equals the game's {@code commandPassword}, commands are allowed
 * @param updateInterval how often ACC sends the session and every car (30 ms to 1 s is sensible)
 * @param registerInterval how often registration is tried until ACC answers
 * @param silenceTimeout without a message from ACC for this long, the connection is lost: the
 *        collector registers again (game restarted, session left, game closed)
 */
public record BroadcastingSettings(String displayName, String connectionPassword, String commandPassword,
        Duration updateInterval, Duration registerInterval, Duration silenceTimeout) {
}
