package io.purplesector.dbconsumer.store;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Kafka offsets up to which records are stored, kept in the database with the rows they
 * describe. Committed in the same transaction as the rows, they are the consumer's true position.
 */
@Component
public class OffsetStore {

    private static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final JdbcClient jdbc;

    OffsetStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored positions of the partitions that have one, for seeking on assignment. */
    public Map<TopicPartition, Long> positions(String group, Collection<TopicPartition> partitions) {
        List<TopicPartition> sorted = partitions.stream().sorted(ORDER).toList();
        Map<TopicPartition, Long> positions = new HashMap<>();
        jdbc.sql("""
                SELECT o.topic, o.partition, o.next_offset FROM consumer_offsets o
                JOIN unnest(?::text[], ?::int[]) AS p(topic, partition) USING (topic, partition)
                WHERE o.consumer_group = ?""")
                .params(topics(sorted), partitionNumbers(sorted), group)
                .query(rs -> {
                    positions.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                });
        return positions;
    }

    /**
     * Locks the partitions' positions until the transaction ends and returns them (0 for a
     * partition never stored). Another instance that still works on one of them (a rebalance
     * in flight) waits, then sees the position this transaction leaves behind.
     */
    public Map<TopicPartition, Long> lock(String group, Collection<TopicPartition> partitions) {
        // One order for everyone: two instances locking the same partitions cannot deadlock.
        List<TopicPartition> sorted = partitions.stream().sorted(ORDER).toList();
        Map<TopicPartition, Long> positions = new HashMap<>();
        jdbc.sql("""
                INSERT INTO consumer_offsets (consumer_group, topic, partition, next_offset)
                SELECT ?, p.topic, p.partition, 0 FROM unnest(?::text[], ?::int[]) AS p(topic, partition)
                ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = consumer_offsets.next_offset
                RETURNING topic, partition, next_offset""")
                .params(group, topics(sorted), partitionNumbers(sorted))
                .query(rs -> {
                    positions.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                });
        return positions;
    }

    /** Moves the locked partitions' positions on. */
    public void save(String group, Map<TopicPartition, Long> nextOffsets) {
        nextOffsets.entrySet().stream().sorted(Map.Entry.comparingByKey(ORDER)).forEach(next -> jdbc.sql("""
                UPDATE consumer_offsets SET next_offset = ?
                WHERE consumer_group = ? AND topic = ? AND partition = ?""")
                .params(next.getValue(), group, next.getKey().topic(), next.getKey().partition())
                .update());
    }

    private static String[] topics(List<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::topic).toArray(String[]::new);
    }

    private static Integer[] partitionNumbers(List<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).toArray(Integer[]::new);
    }
}
