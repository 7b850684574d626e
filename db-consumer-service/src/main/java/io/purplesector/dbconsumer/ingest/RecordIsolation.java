package io.purplesector.dbconsumer.ingest;

import io.purplesector.dbconsumer.DbConsumerProperties;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores each batch, and keeps one record that cannot be stored from stopping the stream.
 *
 * <p>A batch that fails because of an {@linkplain Outages outage} is tried again without limit,
 * the consumer pausing in between: nothing is dropped while the database is away. A batch that
 * fails for any other reason (a record the rules at the door did not catch, a defect) fails the
 * same way each time; after {@code retry.max-attempts} such failures in a row it is stored in
 * halves, and halves of those, until the records that fail alone are found: each is set apart to
 * the dead-letter topic ({@code STORE_FAILED}), counted, logged, and reported by the health, and
 * everything around it is stored, in order. Used by the one listener thread only.
 */
@Component
class RecordIsolation {

    private static final Logger log = LoggerFactory.getLogger(RecordIsolation.class);

    private final TelemetryIngest ingest;
    private final IngestHealthIndicator health;
    private final int maxAttempts;
    /** Failures in a row that were not outages; the same batch, since a failed batch is read again. */
    private int failuresInARow;

    RecordIsolation(TelemetryIngest ingest, IngestHealthIndicator health, DbConsumerProperties properties) {
        this.ingest = ingest;
        this.health = health;
        this.maxAttempts = properties.retry().maxAttempts();
    }

    /**
     * Stores the records, setting apart those that fail every attempt.
     *
     * @throws RuntimeException to have the batch read again after the back-off: for an outage,
     *         or for another failure until the attempts are used up
     */
    void store(List<ConsumerRecord<byte @Nullable [], byte @Nullable []>> records) {
        try {
            ingest.store(records);
        } catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                throw e;
            }
            failuresInARow++;
            health.batchFailed(failuresInARow, e);
            if (failuresInARow < maxAttempts) {
                log.warn("A batch of {} records failed ({} of {} attempts): {}", records.size(), failuresInARow,
                        maxAttempts, e.toString());
                throw e;
            }
            log.error("A batch of {} records failed {} times; storing it in parts to set apart the records"
                    + " that fail it", records.size(), failuresInARow, e);
            storeApart(records, e);
        }
        failuresInARow = 0;
        health.batchStored();
    }

    /** Stores the records in halves, recursively; a single record that fails is set apart. */
    private void storeApart(List<ConsumerRecord<byte @Nullable [], byte @Nullable []>> records, RuntimeException failure) {
        if (records.size() == 1) {
            ConsumerRecord<byte @Nullable [], byte @Nullable []> record = records.get(0);
            ingest.setAside(record, failure);
            health.recordSetAside(record, failure);
            log.error("Set apart {}-{}@{} to the dead-letter topic: it fails every batch it is in ({})",
                    record.topic(), record.partition(), record.offset(), failure.toString());
            return;
        }
        int half = records.size() / 2;
        for (List<ConsumerRecord<byte @Nullable [], byte @Nullable []>> part
                : List.of(records.subList(0, half), records.subList(half, records.size()))) {
            try {
                ingest.store(part);
            } catch (RuntimeException e) {
                if (Outages.isOutage(e)) {
                    throw e;
                }
                storeApart(part, e);
            }
        }
    }
}
