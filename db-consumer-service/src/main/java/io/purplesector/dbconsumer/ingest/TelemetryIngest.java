package io.purplesector.dbconsumer.ingest;

import io.purplesector.dbconsumer.DbConsumerProperties;
import io.purplesector.dbconsumer.session.SessionCache;
import io.purplesector.dbconsumer.session.TrackedSession;
import io.purplesector.dbconsumer.store.FrameCopier;
import io.purplesector.dbconsumer.store.FrameRows;
import io.purplesector.dbconsumer.store.LapStore;
import io.purplesector.dbconsumer.store.OffsetStore;
import io.purplesector.dbconsumer.store.SessionStore;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.MalformedRecordException;
import io.purplesector.telemetry.proto.kafka.TelemetryRecordDeserializer;
import io.purplesector.telemetry.proto.kafka.Topics;
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
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final String group;
    private final TelemetryRecordDeserializer decoder = new TelemetryRecordDeserializer();
    private final FrameRows frames = new FrameRows();
    /** Where each partition's stored offsets stood after this instance's last commit. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    TelemetryIngest(TransactionTemplate transactions, OffsetStore offsets, SessionStore sessionStore,
            LapStore lapStore, FrameCopier copier, SessionCache sessions, DeadLetters deadLetters,
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
     * instance held in memory is dropped, and the exception goes to the caller to retry.
     */
    public void store(List<ConsumerRecord<String, byte @Nullable []>> records) {
        if (records.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        try {
            Map<TopicPartition, Long> next = Objects.requireNonNull(transactions.execute(status -> write(records)));
            committed.putAll(next);
            metrics.framesWritten.increment(frames.rows());
            metrics.batchFrames.record(frames.rows());
        } catch (RuntimeException e) {
            committed.clear();
            sessions.clear();
            throw e;
        } finally {
            frames.clear();
            metrics.batchWrite.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** Forgets what this instance knew of partitions it no longer (or newly) owns. */
    public void forget(Collection<TopicPartition> partitions) {
        committed.keySet().removeAll(partitions);
        sessions.forget(partitions);
    }

    private Map<TopicPartition, Long> write(List<ConsumerRecord<String, byte @Nullable []>> records) {
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        records.forEach(record -> partitions.add(new TopicPartition(record.topic(), record.partition())));
        Map<TopicPartition, Long> stored = offsets.lock(group, partitions);
        List<TopicPartition> movedOn = partitions.stream()
                .filter(partition -> !stored.get(partition).equals(committed.get(partition))).toList();
        // Another instance (or an earlier life of this one) stored these since: read their sessions again.
        sessions.forget(movedOn);

        Map<TopicPartition, Long> next = new HashMap<>(stored);
        List<LapStore.SessionLap> laps = new ArrayList<>();
        for (ConsumerRecord<String, byte @Nullable []> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() < stored.get(partition)) {
                metrics.recordsAlreadyStored.increment();
                continue;
            }
            try {
                apply(record, partition, laps);
            } catch (DeadLetterException e) {
                deadLetters.send(record, e);
            }
            next.put(partition, record.offset() + 1);
        }
        if (frames.rows() > 0) {
            copier.copy(frames.finish());
        }
        lapStore.save(laps);
        sessionStore.saveProgress(sessions.takeProgress());
        offsets.save(group, next);
        metrics.lapsDetected.increment(laps.size());
        return next;
    }

    private void apply(ConsumerRecord<String, byte @Nullable []> record, TopicPartition partition,
            List<LapStore.SessionLap> laps) {
        TelemetryRecord value = decode(record);
        String sessionId = sessionIdOf(record, value);
        TrackedSession session = sessions.get(userOf(record.topic()), sessionId, partition, timeOf(record, value));
        switch (value.getPayloadCase()) {
            case FRAME -> {
                TelemetryFrame frame = value.getFrame();
                metrics.framesReceived.increment();
                long sequence = frame.getSequence() > 0 ? frame.getSequence() : session.lastSequence() + 1;
                if (sequence <= session.lastSequence()) {
                    throw new DeadLetterException(DeadLetterReason.SEQUENCE_NOT_INCREASING, "frame " + sequence
                            + " of session " + sessionId + " after frame " + session.lastSequence());
                }
                frames.add(session.id(), sequence, frame);
                session.frameAdded(sequence, frame.getTimestamp());
                session.laps().onFrame(frame, sequence, lap -> laps.add(new LapStore.SessionLap(session.id(), lap)));
            }
            case SESSION_STARTED -> sessionStore.start(session.id(), value.getSessionStarted());
            case LAP_COMPLETED -> {
                session.laps().onLapCompleted(value.getLapCompleted(),
                        lap -> laps.add(new LapStore.SessionLap(session.id(), lap)));
                session.touch();
            }
            case SESSION_ENDED -> sessionStore.end(session.id(), value.getSessionEnded());
            case PAYLOAD_NOT_SET -> throw new IllegalStateException("decode() lets no empty payload through");
        }
    }

    private TelemetryRecord decode(ConsumerRecord<String, byte @Nullable []> record) {
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

    /** The record key is the session id by contract; the payload's id covers keyless records. */
    private static String sessionIdOf(ConsumerRecord<String, byte @Nullable []> record, TelemetryRecord value) {
        if (record.key() != null && !record.key().isEmpty()) {
            return record.key();
        }
        String fromPayload = switch (value.getPayloadCase()) {
            case FRAME -> value.getFrame().getSessionId();
            case SESSION_STARTED -> value.getSessionStarted().getSessionId();
            case LAP_COMPLETED -> value.getLapCompleted().getSessionId();
            case SESSION_ENDED -> value.getSessionEnded().getSessionId();
            case PAYLOAD_NOT_SET -> "";
        };
        if (fromPayload.isEmpty()) {
            throw new DeadLetterException(DeadLetterReason.NO_SESSION_ID, "record without key or session id");
        }
        return fromPayload;
    }

    /** The user a topic belongs to; frames on the shared topic belong to no user (""). */
    private static String userOf(String topic) {
        return topic.startsWith(Topics.USER_TOPIC_PREFIX) ? Topics.userIdOf(topic) : "";
    }

    private static long timeOf(ConsumerRecord<String, byte @Nullable []> record, TelemetryRecord value) {
        long time = switch (value.getPayloadCase()) {
            case FRAME -> value.getFrame().getTimestamp();
            case SESSION_STARTED -> value.getSessionStarted().getStartedAt();
            default -> 0;
        };
        return time > 0 ? time : record.timestamp();
    }
}
