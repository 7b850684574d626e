package io.purplesector.service;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code consumerProgress} health: DOWN while a listener is stalled, records arriving on a
 * partition whose committed offset has not moved for the stall timeout (see
 * {@link ListenerProgress}). Meant for readiness: the service is up but not doing its work, for
 * a reason its other health components may name (the database away, say).
 */
public class ConsumerProgressHealthIndicator extends AbstractHealthIndicator {

    private final ListenerProgress progress;

    public ConsumerProgressHealthIndicator(ListenerProgress progress) {
        super("Consumer progress health check failed");
        this.progress = progress;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long timeout = progress.stallTimeoutMillis();
        boolean stalled = false;
        for (var entry : progress.samples().entrySet()) {
            ListenerProgress.Sample sample = entry.getValue();
            boolean listenerStalled = sample.stalledForMillis() >= timeout;
            stalled |= listenerStalled;
            builder.withDetail(entry.getKey(), listenerStalled
                    ? "stalled: " + sample.lag() + " records waiting on " + sample.partitionsBehind()
                            + " partitions, no progress for " + sample.stalledForMillis() / 1000 + " s"
                    : "lag " + sample.lag());
        }
        builder.status(stalled ? Status.DOWN : Status.UP);
    }
}
