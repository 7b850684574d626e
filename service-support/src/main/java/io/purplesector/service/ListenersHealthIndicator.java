package io.purplesector.service;

import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code listeners} health: DOWN while a Kafka listener that starts with the service is not
 * running (its consumer died on an error, or someone stopped it), since then the service reads
 * nothing and nothing in it will start the listener again. Meant for liveness: a restart helps.
 */
public class ListenersHealthIndicator extends AbstractHealthIndicator {

    private final ListenerProgress progress;

    public ListenersHealthIndicator(ListenerProgress progress) {
        super("Listener health check failed");
        this.progress = progress;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Boolean> running = progress.running();
        builder.status(running.containsValue(false) ? Status.DOWN : Status.UP);
        running.forEach((listener, up) -> builder.withDetail(listener, up ? "running" : "stopped"));
    }
}
