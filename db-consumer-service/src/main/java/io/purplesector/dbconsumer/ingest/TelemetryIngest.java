package io.purplesector.dbconsumer.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.purplesector.dbconsumer.DbConsumerProperties;
import io.purplesector.dbconsumer.frame.FrameDecoder;
import io.purplesector.dbconsumer.frame.FrameFields;
import io.purplesector.dbconsumer.session.SessionCache;
import io.purplesector.dbconsumer.session.TrackedSession;
import io.purplesector.dbconsumer.store.FrameCopier;
import io.purplesector.dbconsumer.store.FrameCopy;
import io.purplesector.dbconsumer.store.LapStore;
import io.purplesector.dbconsumer.store.OffsetStore;
import io.purplesector.dbconsumer.store.SessionStore;
import io.purplesector.dbconsumer.store.SessionStore.SessionKey;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.InvalidSessionIdException;
import io.purplesector.telemetry.proto.kafka.MalformedRecordException;
import io.purplesector.telemetry.proto.kafka.SessionIds;
import io.purplesector.telemetry.proto.kafka.TelemetryRecordDeserializer;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores one batch of records in one database transaction: the frames (binary COPY), the laps
 * they complete, their sessions, and the offsets up to which the partitions are stored.
 *
 * <p>Exactly once: the offsets are locked at the start of the transaction and records below them
 * are skipped, so a batch read twice (a retry, a rebalance, a restart after a crash) stores
 * nothing twice; nothing is lost because the consumer starts from these offsets. Used by the one
 * listener thread only.
 */
@Component
public class TelemetryIngest {

    private final TransactionTemplate transactions;
    private final OffsetStore offsets;
    private final SessionStore sessionStore;
    private final LapStore lapStore;
    private final FrameCopier copier;
    private final SessionCache sessions;
    private final DeadLetterRelay deadLetters;
    private final IngestMetrics metrics;
    private final String group;
    private final TelemetryRecordDeserializer decoder = new TelemetryRecordDeserializer();
    private final FrameDecoder wire = new FrameDecoder();
    /** A frame that took the generated parser's path, in the fields the store takes. */
    private final FrameFields parsed = new FrameFields();
    /** The user of each topic read so far: topics are few, records many. */
    private final Map<String, String> usersByTopic = new HashMap<>();
    /** Where each partition's stored offsets stood after this instance's last commit. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    TelemetryIngest(TransactionTemplate transactions, OffsetStore offsets, SessionStore sessionStore,
            LapStore lapStore, FrameCopier copier, SessionCache sessions, DeadLetterRelay deadLetters,
            IngestMetrics metrics, DbConsumerProperties properties) {
        this.transactions = transactions;
        this.offsets = offsets;
        this.sessionStore = sessionStore;
        this.lapStore = lapStore;
        this.copier = copier;
        this.sessions = sessions;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.group = properties.group();
    }

    /**
     * Stores the records, or nothing: on any failure the transaction rolls back, what this
     * instance held in memory is dropped, and the exception goes to the caller to retry. The
     * dead letters the batch decided on are sent once it has committed.
     */
    public void store(List<ConsumerRecord<byte @Nullable [], byte @Nullable []>> records) {
        if (records.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        try {
            Map<TopicPartition, Long> next = Objects.requireNonNull(transactions.execute(status -> write(records)));
            committed.putAll(next);
        } catch (RuntimeException e) {
            committed.clear();
            sessions.clear();
            throw e;
        } finally {
            metrics.batchWrite.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        deadLetters.relay();
    }

    /** Sends the dead letters an earlier life of this consumer decided on but did not send. */
    public void relayDeadLetters() {
        deadLetters.relay();
    }

    /**
     * Sends a record that fails every batch it is in to the dead-letter topic and moves its
     * partition's stored position past it, in one transaction (the letter is sent once it has
     * committed); a record the position is already past (set aside before a crash, say) is left alone.
     */
    public void setAside(ConsumerRecord<byte @Nullable [], byte @Nullable []> record, RuntimeException failure) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        transactions.executeWithoutResult(status -> {
            if (record.offset() >= offsets.lock(group, List.of(partition)).get(partition)) {
                deadLetters.hold(record, new DeadLetterException(DeadLetterReason.STORE_FAILED,
                        "the record failed every batch it was in: " + failure, failure));
                offsets.save(group, Map.of(partition, record.offset() + 1));
            }
        });
        deadLetters.relay();
        // Where this instance stood is unknown now: the next batch reads its sessions again.
        committed.remove(partition);
    }

    /** Forgets what this instance knew of partitions it no longer (or newly) owns. */
    public void forget(Collection<TopicPartition> partitions) {
        committed.keySet().removeAll(partitions);
        sessions.forget(partitions);
    }

    private Map<TopicPartition, Long> write(List<ConsumerRecord<byte @Nullable [], byte @Nullable []>> records) {
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        records.forEach(record -> partitions.add(new TopicPartition(record.topic(), record.partition())));
        Map<TopicPartition, Long> stored = offsets.lock(group, partitions);
        List<TopicPartition> movedOn = partitions.stream()
                .filter(partition -> !stored.get(partition).equals(committed.get(partition))).toList();
        // Another instance (or an earlier life of this one) stored these since: read their sessions again.
        sessions.forget(movedOn);

        // First the queries (the batch's sessions), then one COPY that streams while records are decoded.
        Map<TopicPartition, Long> next = new HashMap<>(stored);
        List<Arrival> arrivals = new ArrayList<>(records.size());
        Map<SessionKey, TopicPartition> keys = new HashMap<>();
        for (ConsumerRecord<byte @Nullable [], byte @Nullable []> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() < stored.get(partition)) {
                metrics.recordsAlreadyStored.increment();
                continue;
            }
            Arrival arrival = arrive(record);
            if (arrival.session() != null) {
                keys.putIfAbsent(arrival.session(), partition);
            }
            arrivals.add(arrival);
            next.put(partition, record.offset() + 1);
        }
        sessions.prepare(keys);
        BatchEffects effects = new BatchEffects();
        long frameCount = copier.copy(copy -> {
            for (Arrival arrival : arrivals) {
                try {
                    apply(arrival, copy, effects);
                } catch (DeadLetterException e) {
                    effects.deadLetters.add(Map.entry(arrival.record(), e));
                }
            }
            return copy.frames();
        });
        // After the COPY: its connection takes no other statement while rows stream in.
        effects.deadLetters.forEach(letter -> deadLetters.hold(letter.getKey(), letter.getValue()));
        sessionStore.create(sessions.takeNew());
        effects.sessionUpdates.forEach(Runnable::run);
        lapStore.save(effects.laps);
        sessionStore.saveProgress(sessions.takeProgress());
        offsets.save(group, next);
        metrics.lapsDetected.increment(effects.laps.size());
        metrics.framesReceived.increment(effects.frames);
        metrics.framesWritten.increment(frameCount);
        metrics.batchFrames.record(frameCount);
        return next;
    }

    /** A record to store, with the session it names, or why it cannot be stored. */
    private record Arrival(ConsumerRecord<byte @Nullable [], byte @Nullable []> record, @Nullable TelemetryRecord decoded,
            @Nullable SessionKey session, @Nullable DeadLetterException deadLetter) {
    }

    /** What a batch does besides storing its frames, done once the COPY is finished. */
    private static final class BatchEffects {
        final List<Runnable> sessionUpdates = new ArrayList<>();
        final List<LapStore.SessionLap> laps = new ArrayList<>();
        final List<Map.Entry<ConsumerRecord<byte @Nullable [], byte @Nullable []>, DeadLetterException>> deadLetters =
                new ArrayList<>();
        /** Frames read, stored or not. */
        int frames;
    }

    /**
     * The record's session, from its key (only keyless records are decoded to find it). A key or
     * payload id that breaks the session id rule is refused here, before it reaches a query.
     */
    private Arrival arrive(ConsumerRecord<byte @Nullable [], byte @Nullable []> record) {
        try {
            TelemetryRecord decoded = null;
            String sessionId;
            byte[] key = record.key();
            if (key == null || key.length == 0) {
                decoded = decode(record);
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

    private void apply(Arrival arrival, FrameCopy copy, BatchEffects effects) throws SQLException {
        if (arrival.deadLetter() != null) {
            throw arrival.deadLetter();
        }
        TrackedSession session = sessions.get(Objects.requireNonNull(arrival.session()));
        if (arrival.decoded() == null && decodesAsFrame(arrival.record())) {
            store(wire.frame(), arrival, session, copy, effects);
            return;
        }
        TelemetryRecord value = arrival.decoded() != null ? arrival.decoded() : decode(arrival.record());
        long recordTime = arrival.record().timestamp();
        switch (value.getPayloadCase()) {
            case FRAME -> store(parsed.copyOf(value.getFrame()), arrival, session, copy, effects);
            case SESSION_STARTED -> {
                effects.sessionUpdates.add(() -> sessionStore.start(session.id(), value.getSessionStarted()));
                session.touch(recordTime);
            }
            case LAP_COMPLETED -> {
                session.laps().onLapCompleted(value.getLapCompleted(),
                        lap -> effects.laps.add(new LapStore.SessionLap(session.id(), lap)));
                session.touch(recordTime);
            }
            case SESSION_ENDED -> {
                effects.sessionUpdates.add(() -> sessionStore.end(session.id(), value.getSessionEnded()));
                session.touch(recordTime);
            }
            case PAYLOAD_NOT_SET -> throw new IllegalStateException("decode() lets no empty payload through");
        }
    }

    /**
     * The fast path: a frame read straight from the wire. Anything else, and anything the wire
     * reader refuses, goes through the generated parser, which has the last word (and the words
     * for the dead-letter headers).
     */
    private boolean decodesAsFrame(ConsumerRecord<byte @Nullable [], byte @Nullable []> record) {
        byte[] value = record.value();
        if (value == null) {
            return false;
        }
        try {
            decoder.requireHeaders(record.topic(), record.headers());
            return wire.decodeFrame(value);
        } catch (MalformedRecordException | InvalidProtocolBufferException e) {
            return false;
        }
    }

    private void store(FrameFields frame, Arrival arrival, TrackedSession session, FrameCopy copy,
            BatchEffects effects) throws SQLException {
        effects.frames++;
        long sequence = frame.sequence > 0 ? frame.sequence : session.lastSequence() + 1;
        if (sequence <= session.lastSequence()) {
            throw new DeadLetterException(DeadLetterReason.SEQUENCE_NOT_INCREASING, "frame " + sequence + " of session "
                    + Objects.requireNonNull(arrival.session()).sessionId() + " after frame " + session.lastSequence());
        }
        copy.add(session.id(), sequence, frame);
        session.frameAdded(sequence, frame.timestamp());
        session.touch(arrival.record().timestamp());
        session.laps().onFrame(frame, sequence, lap -> effects.laps.add(new LapStore.SessionLap(session.id(), lap)));
    }

    private TelemetryRecord decode(ConsumerRecord<byte @Nullable [], byte @Nullable []> record) {
        try {
            TelemetryRecord value = decoder.deserialize(record.topic(), record.headers(), record.value());
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
        String sessionId = switch (value.getPayloadCase()) {
            case FRAME -> value.getFrame().getSessionId();
            case SESSION_STARTED -> value.getSessionStarted().getSessionId();
            case LAP_COMPLETED -> value.getLapCompleted().getSessionId();
            case SESSION_ENDED -> value.getSessionEnded().getSessionId();
            case PAYLOAD_NOT_SET -> "";
        };
        if (sessionId.isEmpty()) {
            throw new DeadLetterException(DeadLetterReason.NO_SESSION_ID, "record without key or session id");
        }
        return sessionId;
    }
}
