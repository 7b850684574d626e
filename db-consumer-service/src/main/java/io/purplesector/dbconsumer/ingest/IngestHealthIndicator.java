package io.purplesector.dbconsumer.ingest;

import io.purplesector.dbconsumer.DbConsumerProperties;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code ingest} health: {@value #DEGRADED_CODE} while a batch keeps failing for a reason
 * other than an outage, and for {@code retry.degraded-for} after a record was set apart to the
 * dead-letter topic for failing every batch it was in. Data is still flowing then (the rest of
 * the stream is stored), so the service stays ready, but an operator has something to look at:
 * a record the rules at the door did not catch is a defect to find.
 */
@Component
class IngestHealthIndicator extends AbstractHealthIndicator {

    static final String DEGRADED_CODE = "DEGRADED";

    /** Worse than UP, better than DOWN: see {@code management.endpoint.health.status} in application.yml. */
    static final Status DEGRADED = new Status(DEGRADED_CODE, "records are failing their batches");

    private final Duration degradedFor;
    private volatile int failingAttempts;
    private volatile @Nullable String failure;
    private volatile long setApart;
    private volatile @Nullable Instant lastSetApartAt;
    private volatile @Nullable String lastSetApart;

    IngestHealthIndicator(DbConsumerProperties properties) {
        super("Ingest health check failed");
        this.degradedFor = properties.retry().degradedFor();
    }

    void batchFailed(int attempts, RuntimeException e) {
        failure = e.toString();
        failingAttempts = attempts;
    }

    void batchStored() {
        if (failingAttempts != 0) {
            failingAttempts = 0;
            failure = null;
        }
    }

    synchronized void recordSetAside(ConsumerRecord<?, ?> record, RuntimeException e) {
        setApart++;
        lastSetApartAt = Instant.now();
        lastSetApart = record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e;
    }

    @Override
    protected synchronized void doHealthCheck(Health.Builder builder) {
        Instant last = lastSetApartAt;
        boolean recentlySetApart = last != null && last.plus(degradedFor).isAfter(Instant.now());
        builder.status(failingAttempts > 0 || recentlySetApart ? DEGRADED : Status.UP)
                .withDetail("recordsSetApart", setApart);
        if (failingAttempts > 0) {
            builder.withDetail("failingBatch", "failed " + failingAttempts + " times: " + failure);
        }
        if (last != null) {
            builder.withDetail("lastSetApartAt", last.toString()).withDetail("lastSetApart", lastSetApart);
        }
    }
}
