package io.purplesector.dbconsumer.ingest;

import io.purplesector.dbconsumer.DbConsumerProperties;
import io.purplesector.dbconsumer.store.OffsetStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Reads every telemetry topic (new users' topics are picked up by the pattern) and hands each
 * poll to {@link TelemetryIngest}. On assignment it starts each partition where the database says
 * it is stored up to, not where Kafka's committed offsets say: those are committed after the
 * database. After each poll it sets back the partitions the ingest found read past the database's
 * position.
 */
@Component
class TelemetryListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(TelemetryListener.class);

    private final TelemetryIngest ingest;
    private final RecordIsolation isolation;
    private final OffsetStore offsets;
    private final String group;

    TelemetryListener(TelemetryIngest ingest, RecordIsolation isolation, OffsetStore offsets,
            DbConsumerProperties properties) {
        this.ingest = ingest;
        this.isolation = isolation;
        this.offsets = offsets;
        this.group = properties.group();
    }

    @KafkaListener(id = "telemetry-ingest", topicPattern = "${purplesector.db-consumer.topic-pattern}",
            groupId = "${purplesector.db-consumer.group}", batch = "true", concurrency = "1")
    void onRecords(List<ConsumerRecord<byte @Nullable [], byte @Nullable []>> records, Consumer<?, ?> consumer) {
        isolation.store(records);
        ingest.takeReadAgain().forEach(consumer::seek);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        ingest.forget(assignments.keySet());
        try {
            Map<TopicPartition, Long> stored = offsets.positions(group, assignments.keySet());
            Map<TopicPartition, Long> readingFrom = new HashMap<>();
            for (TopicPartition partition : assignments.keySet()) {
                Long position = stored.get(partition);
                if (position != null) {
                    callback.seek(partition.topic(), partition.partition(), position);
                } else {
                    callback.seekToBeginning(List.of(partition));
                }
                // Never stored: the database's position is 0, and the beginning is the nearest to it.
                readingFrom.put(partition, position != null ? position : 0L);
            }
            ingest.readingFrom(readingFrom);
            log.info("Assigned {}; stored up to {} (the others from their beginning)", assignments.keySet(), stored);
        } catch (DataAccessException e) {
            // Safe to go on: the ingest skips whatever the database already holds, and reads a
            // partition again from the database's position if Kafka's committed offset is past it.
            log.warn("Cannot read the stored offsets ({}); starting from Kafka's committed offsets", e.getMessage());
        }
        relayDeadLetters();
    }

    /** Dead letters a crash left unsent; if they cannot go now, the next stored batch sends them. */
    private void relayDeadLetters() {
        try {
            ingest.relayDeadLetters();
        } catch (RuntimeException e) {
            log.warn("Cannot send the dead letters waiting in the outbox yet: {}", e.toString());
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        ingest.forget(partitions);
    }
}
