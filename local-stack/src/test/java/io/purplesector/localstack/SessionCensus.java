package io.purplesector.localstack;

import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.TelemetryRecordDeserializer;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every session's frames counted where they are kept: on the broker (every record of the users'
 * topics, read from the beginning to the end) and in the database. A session's count says how
 * many frames there are, which sequences they span and how many of those are there more than once.
 */
final class SessionCensus {

    /**
     * One session's frames: {@code frames} records, {@code distinct} different sequences from
     * {@code first} to {@code last}, and the last sequence its {@code SessionEnded} names (-1 if none).
     */
    record Count(long frames, long distinct, long first, long last, long ended) {

        /** Every sequence from the first to the last, each once. */
        boolean contiguousAndUnique() {
            return frames == distinct && distinct == last - first + 1;
        }
    }

    private SessionCensus() {
    }

    /** The frames on the broker, by {@code user/session}. */
    static Map<String, Count> onTheBroker(String bootstrapServers, Collection<String> topics) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Map<String, Tally> tallies = new HashMap<>();
        try (KafkaConsumer<String, TelemetryRecord> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new TelemetryRecordDeserializer())) {
            List<TopicPartition> partitions = topics.stream().flatMap(topic -> consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, TelemetryRecord> record : consumer.poll(Duration.ofSeconds(1))) {
                    String user = Topics.userOf(record.topic());
                    Tally tally = tallies.computeIfAbsent(user + "/" + record.key(), key -> new Tally());
                    switch (record.value().getPayloadCase()) {
                        case FRAME -> tally.frame(record.value().getFrame().getSequence());
                        case SESSION_ENDED -> tally.ended = record.value().getSessionEnded().getLastFrameSequence();
                        default -> {
                        }
                    }
                }
            }
        }
        Map<String, Count> counts = new TreeMap<>();
        tallies.forEach((session, tally) -> counts.put(session, tally.count()));
        return counts;
    }

    /** How many records a topic holds, over its partitions (0 for a topic that does not exist). */
    static long records(String bootstrapServers, String topic) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Offsets only: nothing is read, whatever the records hold.
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics().getOrDefault(topic, List.of()).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(end -> end.getValue() - starts.get(end.getKey())).sum();
        }
    }

    /** The frames in the database, by {@code user/session}. */
    static Map<String, Count> inTheDatabase(int port) throws SQLException {
        Map<String, Count> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/purplesector",
                "purplesector", "purplesector");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT s.user_id, s.session_id, count(f.sequence),
                               coalesce(min(f.sequence), 0), coalesce(max(f.sequence), -1)
                        FROM sessions s LEFT JOIN telemetry_frames f ON f.session_ref = s.id
                        GROUP BY s.id""")) {
            while (rows.next()) {
                // The primary key (session, sequence) makes every stored sequence distinct.
                counts.put(rows.getString(1) + "/" + rows.getString(2), new Count(rows.getLong(3), rows.getLong(3),
                        rows.getLong(4), rows.getLong(5), -1));
            }
        }
        return counts;
    }

    private static final class Tally {
        private final BitSet sequences = new BitSet();
        private long frames;
        private long first = Long.MAX_VALUE;
        private long last = -1;
        private long ended = -1;

        void frame(long sequence) {
            frames++;
            sequences.set(Math.toIntExact(sequence));
            first = Math.min(first, sequence);
            last = Math.max(last, sequence);
        }

        Count count() {
            return new Count(frames, sequences.cardinality(), frames == 0 ? 0 : first, last, ended);
        }
    }
}
