package io.purplesector.telemetry.proto.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The settings a Purple Sector topic is created with. kafka-setup creates the shared topics from
 * it and a collector creates its user's topic from it, so every telemetry topic is alike.
 *
 * @param name the topic's name
 * @param partitions how many partitions; records of one session stay on one of them
 * @param retention how long records are kept
 * @param segment how long a log segment stays open; retention deletes whole segments, so this
 *        bounds how much longer than {@code retention} a record may live
 * @param maxMessageBytes the largest record batch the topic takes, 0 for the broker's default
 */
public record TopicDefinition(String name, int partitions, Duration retention, Duration segment, int maxMessageBytes) {

    /** Brokers and producers compress with LZ4: telemetry frames compress well and LZ4 is cheap. */
    public static final String COMPRESSION = "lz4";

    /** Never more than three copies of a record, however large the cluster. */
    static final short MAX_REPLICATION_FACTOR = 3;

    public TopicDefinition {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A topic needs a name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic " + name + " needs at least one partition, not " + partitions);
        }
        requirePositive(name, "retention", retention);
        requirePositive(name, "segment", segment);
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("Topic " + name + " needs a positive largest record size (or 0 for the"
                    + " broker's), not " + maxMessageBytes);
        }
    }

    /** A topic that takes records as large as the broker allows by default. */
    public TopicDefinition(String name, int partitions, Duration retention, Duration segment) {
        this(name, partitions, retention, segment, 0);
    }

    private static void requirePositive(String name, String what, Duration duration) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("Topic " + name + " needs a positive " + what + ", not " + duration);
        }
    }

    /** The replication factor for a cluster of this many brokers: one copy per broker, up to three. */
    public static short replicationFactorFor(int brokerCount) {
        if (brokerCount < 1) {
            throw new IllegalArgumentException("A cluster has at least one broker, not " + brokerCount);
        }
        return (short) Math.min(MAX_REPLICATION_FACTOR, brokerCount);
    }

    /**
     * {@code min.insync.replicas} for a replication factor: all copies but one, so that producers
     * with {@code acks=all} keep writing while one broker is down, and never less than one.
     */
    public static int minInSyncReplicasFor(short replicationFactor) {
        return Math.max(1, replicationFactor - 1);
    }

    /** The topic-level configs, in a stable order, for the given replication factor. */
    public Map<String, String> configs(short replicationFactor) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(segment.toMillis()));
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                Integer.toString(minInSyncReplicasFor(replicationFactor)));
        if (maxMessageBytes > 0) {
            configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
        }
        return configs;
    }

    /** The request that creates this topic. */
    public NewTopic newTopic(short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs(replicationFactor));
    }

    /**
     * The request that creates this topic with the broker's default replication factor and
     * {@code min.insync.replicas}: for a topic a service declares for itself at start-up, before
     * it could ask how many brokers there are.
     */
    public NewTopic newTopicWithBrokerReplication() {
        Map<String, String> configs = configs(MAX_REPLICATION_FACTOR);
        configs.remove(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
    }
}
