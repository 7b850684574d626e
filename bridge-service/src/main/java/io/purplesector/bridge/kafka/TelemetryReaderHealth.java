package io.purplesector.bridge.kafka;

import io.purplesector.service.ListenerHealthProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code telemetryReader} health, in liveness and readiness: DOWN when the
 * {@link WatchedTopicsReader} has stopped for good, or when a round of it (looking at the clients,
 * polling, delivering) has not ended for the listeners' stall timeout, since then no live view gets
 * anything. With {@code read=all} there is no such reader, and the listener container's own health
 * ({@code listeners}, {@code consumerProgress}) says it all.
 */
@Component("telemetryReader")
class TelemetryReaderHealth extends AbstractHealthIndicator {

    private final ObjectProvider<WatchedTopicsReader> reader;
    private final long stallTimeoutMillis;
    private final Clock clock = Clock.systemUTC();

    TelemetryReaderHealth(ObjectProvider<WatchedTopicsReader> reader, ListenerHealthProperties listeners) {
        super("Telemetry reader health check failed");
        this.reader = reader;
        this.stallTimeoutMillis = listeners.stallTimeout().toMillis();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        WatchedTopicsReader watched = reader.getIfAvailable();
        if (watched == null) {
            builder.up().withDetail("read", "all telemetry topics, by the listener bridge-telemetry");
            return;
        }
        WatchedTopicsReader.State state = watched.state();
        long sinceRound = clock.millis() - state.lastRound();
        if (state.failure() != null) {
            builder.down().withDetail("stopped", state.failure());
        } else if (watched.isRunning() && sinceRound >= stallTimeoutMillis) {
            builder.down().withDetail("stuck", "no round ended for " + sinceRound / 1000 + " s");
        } else {
            builder.status(Status.UP);
        }
        builder.withDetail("read", "the watched users' topics")
                .withDetail("usersWatched", state.usersWatched())
                .withDetail("topicsRead", state.topicsRead())
                .withDetail("topicsAwaited", state.topicsAwaited());
    }
}
