package io.purplesector.dbconsumer.ingest;

import io.purplesector.dbconsumer.store.SessionStore.SessionKey;
import io.purplesector.telemetry.proto.TelemetryRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * A record to store, with the session it names (and, for a keyless record, what it decoded to on
 * the way), or why it cannot be stored.
 */
record Arrival(ConsumerRecord<byte @Nullable [], byte @Nullable []> record, @Nullable TelemetryRecord decoded,
        @Nullable SessionKey session, @Nullable DeadLetterException deadLetter) {
}
