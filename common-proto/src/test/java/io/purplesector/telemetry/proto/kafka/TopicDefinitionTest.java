package io.purplesector.telemetry.proto.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicDefinitionTest {

    private final TopicDefinition telemetry =
            new TopicDefinition(Topics.TELEMETRY, 10, Duration.ofHours(1), Duration.ofMinutes(10));

    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "3,3", "5,3", "12,3"})
    void replicationFactorFollowsClusterSizeUpToThree(int brokers, short expected) {
        assertThat(TopicDefinition.replicationFactorFor(brokers)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "2,1", "3,2"})
    void minInSyncReplicasToleratesOneBrokerDown(short replicationFactor, int expected) {
        assertThat(TopicDefinition.minInSyncReplicasFor(replicationFactor)).isEqualTo(expected);
    }

    @Test
    void configsCarryCompressionRetentionSegmentAndMinInSync() {
        assertThat(telemetry.configs((short) 3)).containsExactly(
                entry("compression.type", "lz4"),
                entry("retention.ms", "3600000"),
                entry("segment.ms", "600000"),
                entry("min.insync.replicas", "2"));
    }

    @Test
    void aTopicForLargeRecordsSaysHowLargeAndATopicAServiceDeclaresLeavesReplicationToTheBroker() {
        TopicDefinition deadLetters = new TopicDefinition("dlt", 3, Duration.ofDays(7), Duration.ofDays(1), 8 << 20);

        NewTopic topic = deadLetters.newTopicWithBrokerReplication();

        assertThat(topic.numPartitions()).isEqualTo(3);
        assertThat(topic.replicationFactor()).as("the broker's default.replication.factor").isEqualTo((short) -1);
        assertThat(topic.configs()).containsEntry("max.message.bytes", "8388608")
                .containsEntry("retention.ms", "604800000").doesNotContainKey("min.insync.replicas");
        assertThat(telemetry.configs((short) 1)).doesNotContainKey("max.message.bytes");
        assertThatThrownBy(() -> new TopicDefinition("t", 1, Duration.ofHours(1), Duration.ofMinutes(1), -1))
                .hasMessageContaining("largest record size");
    }

    @Test
    void newTopicHasPartitionsReplicationAndConfigs() {
        NewTopic topic = telemetry.newTopic((short) 1);

        assertThat(topic.name()).isEqualTo("telemetry");
        assertThat(topic.numPartitions()).isEqualTo(10);
        assertThat(topic.replicationFactor()).isEqualTo((short) 1);
        assertThat(topic.configs()).containsEntry("min.insync.replicas", "1");
    }

    @Test
    void refusesSettingsThatCannotMakeATopic() {
        assertThatThrownBy(() -> new TopicDefinition("t", 0, Duration.ofHours(1), Duration.ofMinutes(1)))
                .hasMessage("Topic t needs at least one partition, not 0");
        assertThatThrownBy(() -> new TopicDefinition("t", 1, Duration.ZERO, Duration.ofMinutes(1)))
                .hasMessage("Topic t needs a positive retention, not PT0S");
        assertThatThrownBy(() -> new TopicDefinition("t", 1, Duration.ofHours(1), Duration.ofMinutes(-1)))
                .hasMessage("Topic t needs a positive segment, not PT-1M");
        assertThatThrownBy(() -> TopicDefinition.replicationFactorFor(0))
                .hasMessage("A cluster has at least one broker, not 0");
    }

    private static java.util.Map.Entry<String, String> entry(String key, String value) {
        return java.util.Map.entry(key, value);
    }
}
