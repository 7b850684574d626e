package io.purplesector.collector.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code publisher} health: {@value #DEGRADED_CODE} while frames are being dropped (too many
 * waiting for the broker, or not acknowledged in time) and for {@code degraded-for} after the last
 * one, UP otherwise. Collecting goes on either way, so it maps to HTTP 200; the broker's own
 * {@code kafka} health says DOWN when it is away. Without it a collector losing frames by the
 * thousand said UP.
 */
public class PublisherHealthIndicator extends AbstractHealthIndicator {

    static final String DEGRADED_CODE = "DEGRADED";
    static final Status DEGRADED = new Status(DEGRADED_CODE, "frames are being dropped");

    private final TelemetryPublisher publisher;
    private final Duration degradedFor;
    private final Clock clock;

    public PublisherHealthIndicator(TelemetryPublisher publisher, Duration degradedFor, Clock clock) {
        super("Publisher health check failed");
        this.publisher = publisher;
        this.degradedFor = degradedFor;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Optional<Instant> lastDrop = publisher.lastDrop();
        boolean dropping = lastDrop.filter(at -> at.plus(degradedFor).isAfter(clock.instant())).isPresent();
        builder.status(dropping ? DEGRADED : Status.UP)
                .withDetail("pending", publisher.pending())
                .withDetail("droppedPendingFull", publisher.framesDroppedPendingFull())
                .withDetail("droppedNotAcknowledged", publisher.framesDroppedNotAcknowledged())
                .withDetail("droppedInvalid", publisher.framesDroppedInvalid());
        lastDrop.ifPresent(at -> builder.withDetail("lastDrop", at.toString()));
    }
}
