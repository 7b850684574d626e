package io.purplesector.dbconsumer.ingest;

import io.purplesector.dbconsumer.DbConsumerProperties;
import io.purplesector.dbconsumer.session.SessionCache;
import io.purplesector.dbconsumer.store.FrameCopier;
import io.purplesector.dbconsumer.store.LapStore;
import io.purplesector.dbconsumer.store.OffsetStore;
import io.purplesector.dbconsumer.store.SessionStore;
import io.purplesector.dbconsumer.store.SessionStore.SessionKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores one batch of records in one database transaction: the frames (binary COPY), the laps
 * they complete, their sessions, and the offsets up to which the partitions are stored. Reading
 * the records is {@link RecordReader}'s job, writing what they hold {@link BatchWriter}'s, sending
 * dead letters after the commit {@link DeadLetterRelay}'s; this class holds the transaction and
 * the offsets.
 *
 * <p>Exactly once: the offsets are locked at the start of the transaction and records below them
 * are skipped, so a batch read twice (a retry, a rebalance, a restart after a crash) stores
 * nothing twice; nothing is lost because the consumer starts from these offsets, and reads a
 * partition again from them when a batch begins past them ({@link ReadPositions}). Used by the
 * one listener thread only.
 */
@Component
public class TelemetryIngest {

    private static final Logger log = LoggerFactory.getLogger(TelemetryIngest.class);

    private final TransactionTemplate transactions;
    private final OffsetStore offsets;
    private final SessionStore sessionStore;
    private final LapStore lapStore;
    private final FrameCopier copier;
    private final SessionCache sessions;
    private final DeadLetterRelay deadLetters;
    private final IngestMetrics metrics;
    private final String group;
    private final RecordReader reader = new RecordReader();
    /** Where each partition's stored offsets stood after this instance's last commit. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final ReadPositions positions = new ReadPositions();

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
            Written written = Objects.requireNonNull(transactions.execute(status -> write(records)));
            committed.putAll(written.next());
            written.gaps().forEach(this::readAgain);
        } catch (RuntimeException e) {
            committed.clear();
            sessions.clear();
            throw e;
        } finally {
            metrics.batchWrite.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        deadLetters.relay();
    }

    /**
     * A partition whose batch began past where the database stands: nothing of it was stored, and
     * what this instance knew of its sessions is newer than the database and is dropped.
     */
    private void readAgain(TopicPartition partition, long stored) {
        log.warn("{} is stored up to offset {}, but the consumer had read on past it (the database lost what it"
                + " had acknowledged, or was restored): reading it again from there", partition, stored);
        positions.readAgain(partition, stored);
        committed.remove(partition);
        sessions.forget(List.of(partition));
        metrics.partitionsReadAgain.increment();
    }

    /** The consumer has been set to read these partitions from these offsets (on assignment). */
    public void readingFrom(Map<TopicPartition, Long> assigned) {
        positions.setTo(assigned);
    }

    /** The partitions the consumer must read again, and from which offsets; each is returned once. */
    public Map<TopicPartition, Long> takeReadAgain() {
        return positions.takeReadAgain();
    }

    /** Sends the dead letters an earlier life of this consumer decided on but did not send. */
    public void relayDeadLetters() {
        deadLetters.relayLeftovers();
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
        positions.forget(partitions);
    }

    private Written write(List<ConsumerRecord<byte @Nullable [], byte @Nullable []>> records) {
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        records.forEach(record -> partitions.add(new TopicPartition(record.topic(), record.partition())));
        Map<TopicPartition, Long> stored = offsets.lock(group, partitions);
        List<TopicPartition> movedOn = partitions.stream()
                .filter(partition -> !stored.get(partition).equals(committed.get(partition))).toList();
        // Another instance (or an earlier life of this one) stored these since: read their sessions again.
        sessions.forget(movedOn);

        // First the queries (the batch's sessions), then one COPY that streams while records are read.
        Map<TopicPartition, Long> next = new HashMap<>(stored);
        Map<TopicPartition, Long> gaps = new HashMap<>();
        Set<TopicPartition> seen = new HashSet<>();
        List<Arrival> arrivals = new ArrayList<>(records.size());
        Map<SessionKey, TopicPartition> keys = new HashMap<>();
        for (ConsumerRecord<byte @Nullable [], byte @Nullable []> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (seen.add(partition) && positions.leavesGap(partition, record.offset(), stored.get(partition))) {
                gaps.put(partition, stored.get(partition));
            }
            if (gaps.containsKey(partition)) {
                continue;
            }
            if (record.offset() < stored.get(partition)) {
                metrics.recordsAlreadyStored.increment();
                continue;
            }
            Arrival arrival = reader.arrive(record);
            if (arrival.session() != null) {
                keys.putIfAbsent(arrival.session(), partition);
            }
            arrivals.add(arrival);
            next.put(partition, record.offset() + 1);
        }
        sessions.prepare(keys);
        BatchWriter batch = new BatchWriter(sessions, sessionStore, lapStore, deadLetters);
        long frameCount = copier.copy(copy -> {
            for (Arrival arrival : arrivals) {
                batch.add(arrival, reader, copy);
            }
            return copy.frames();
        });
        batch.finish();
        offsets.save(group, next);
        metrics.lapsDetected.increment(batch.laps());
        metrics.framesReceived.increment(batch.frames());
        metrics.framesWritten.increment(frameCount);
        metrics.batchFrames.record(frameCount);
        return new Written(next, gaps);
    }

    /**
     * What a batch's transaction leaves behind.
     *
     * @param next each partition's stored position after it
     * @param gaps partitions whose records began past their stored position, none of them stored
     */
    private record Written(Map<TopicPartition, Long> next, Map<TopicPartition, Long> gaps) {
    }
}
