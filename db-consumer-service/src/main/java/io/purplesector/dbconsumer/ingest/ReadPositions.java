package io.purplesector.dbconsumer.ingest;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the consumer was last set to read each partition from, held against where the database
 * says the partition is stored up to.
 *
 * <p>A batch normally begins where the database stands. One that begins further on means that
 * records in between were never stored here: the database lost transactions it had acknowledged
 * or was restored from a backup while the consumer read on, or the consumer started from Kafka's
 * committed offsets because the database could not be read. Such a partition is read again from
 * the database's position. Once the consumer has been set there, a batch that still begins further
 * on is taken as it is: Kafka holds nothing in between (records deleted by retention, or offsets
 * taken by transaction markers). Used by the one listener thread only.
 */
final class ReadPositions {

    /** Where the consumer was set to read from: on assignment, or when a partition was read again. */
    private final Map<TopicPartition, Long> setTo = new HashMap<>();
    /** Partitions to read again from these offsets, for the listener to seek to. */
    private final Map<TopicPartition, Long> readAgain = new HashMap<>();

    /** The consumer has been set to read these partitions from these offsets. */
    void setTo(Map<TopicPartition, Long> positions) {
        setTo.putAll(positions);
    }

    /** Whether a partition's records, the first at {@code firstOffset}, leave a gap after what is stored. */
    boolean leavesGap(TopicPartition partition, long firstOffset, long stored) {
        return firstOffset > stored && !Long.valueOf(stored).equals(setTo.get(partition));
    }

    /** Asks for the partition to be read again from where it is stored. */
    void readAgain(TopicPartition partition, long stored) {
        readAgain.put(partition, stored);
        setTo.put(partition, stored);
    }

    /** The partitions to read again, and from where; each is returned once. */
    Map<TopicPartition, Long> takeReadAgain() {
        Map<TopicPartition, Long> taken = Map.copyOf(readAgain);
        readAgain.clear();
        return taken;
    }

    void forget(Collection<TopicPartition> partitions) {
        setTo.keySet().removeAll(partitions);
        readAgain.keySet().removeAll(partitions);
    }
}
