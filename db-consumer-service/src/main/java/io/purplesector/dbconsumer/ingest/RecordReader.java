package io.purplesector.dbconsumer.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.purplesector.dbconsumer.frame.FrameDecoder;
import io.purplesector.dbconsumer.frame.FrameFields;
import io.purplesector.dbconsumer.store.SessionStore.SessionKey;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.InvalidSessionIdException;
import io.purplesector.telemetry.proto.kafka.MalformedRecordException;
import io.purplesector.telemetry.proto.kafka.SessionIds;
import io.purplesector.telemetry.proto.kafka.TelemetryRecordDeserializer;
import io.purplesector.telemetry.proto.kafka.TelemetryRecords;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads records as the ingest needs them: whose session each is (from the key; only keyless
 * records are decoded to find it), checked against the session id rule before it reaches a
 * query, and what it holds, through one of two decoders: frames straight from the wire into
 * {@link FrameFields}, everything else (and anything the wire reader refuses) through the
 * generated parser, which has the last word and the words for the dead-letter headers.
 *
 * <p>Used by the one listener thread only: the frame it returns is refilled by the next read.
 */
final class RecordReader {

    /** What a record holds: a frame, or (for anything else) the whole record. */
    record Content(@Nullable FrameFields frame, @Nullable TelemetryRecord other) {
    }

    private final TelemetryRecordDeserializer parser = new TelemetryRecordDeserializer();
    private final FrameDecoder wire = new FrameDecoder();
    /** A frame that took the generated parser's path, in the fields the store takes. */
    private final FrameFields parsed = new FrameFields();
    /** The user of each topic read so far: topics are few, records many. */
    private final Map<String, String> usersByTopic = new HashMap<>();

    /** The record's session, or why it has none that may be stored. */
    Arrival arrive(ConsumerRecord<byte @Nullable [], byte @Nullable []> record) {
        try {
            TelemetryRecord decoded = null;
            String sessionId;
            byte[] key = record.key();
            if (key == null || key.length == 0) {
                decoded = parse(record);
                sessionId = SessionIds.requireValid(sessionIdOf(decoded));
            } else {
                sessionId = SessionIds.fromKey(key);
            }
            return new Arrival(record, decoded, new SessionKey(usersByTopic.computeIfAbsent(record.topic(),
                    Topics::userOf), sessionId), null);
        } catch (InvalidSessionIdException e) {
            return new Arrival(record, null, null,
                    new DeadLetterException(DeadLetterReason.INVALID_SESSION_ID, e.getMessage()));
        } catch (DeadLetterException e) {
            return new Arrival(record, null, null, e);
        }
    }

    /**
     * What the record holds.
     *
     * @throws DeadLetterException when it cannot be read
     */
    Content read(Arrival arrival) {
        if (arrival.decoded() == null && decodesAsFrame(arrival.record())) {
            return new Content(wire.frame(), null);
        }
        TelemetryRecord value = arrival.decoded() != null ? arrival.decoded() : parse(arrival.record());
        return value.hasFrame() ? new Content(parsed.copyOf(value.getFrame()), null) : new Content(null, value);
    }

    /** The fast path: a frame read straight from the wire; false sends the record to the parser. */
    private boolean decodesAsFrame(ConsumerRecord<byte @Nullable [], byte @Nullable []> record) {
        byte[] value = record.value();
        if (value == null) {
            return false;
        }
        try {
            parser.requireHeaders(record.topic(), record.headers());
            return wire.decodeFrame(value);
        } catch (MalformedRecordException | InvalidProtocolBufferException e) {
            return false;
        }
    }

    private TelemetryRecord parse(ConsumerRecord<byte @Nullable [], byte @Nullable []> record) {
        try {
            TelemetryRecord value = parser.deserialize(record.topic(), record.headers(), record.value());
            if (value == null) {
                throw new DeadLetterException(DeadLetterReason.NO_VALUE, "record without a value");
            }
            return value;
        } catch (MalformedRecordException e) {
            throw new DeadLetterException(DeadLetterReason.valueOf(e.reason().name()), e.getMessage(), e);
        }
    }

    /** The session a keyless record names in its payload (the key is the session id by contract). */
    private static String sessionIdOf(TelemetryRecord value) {
        String sessionId = TelemetryRecords.sessionId(value);
        if (sessionId.isEmpty()) {
            throw new DeadLetterException(DeadLetterReason.NO_SESSION_ID, "record without key or session id");
        }
        return sessionId;
    }
}
