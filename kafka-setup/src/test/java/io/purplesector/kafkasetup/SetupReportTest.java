package io.purplesector.kafkasetup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SetupReportTest {

    private final Cluster cluster = new Cluster("abc123", 1, 1);
    private final HealthProbe.Result probe =
            new HealthProbe.Result(new TopicPartition("purplesector-health", 0), 41, Duration.ofMillis(12));

    @Test
    void rendersOneAlignedRowPerTopicAndOneLinePerDetail() {
        String report = SetupReport.render("localhost:9092", cluster, (short) 1, List.of(
                new TopicOutcome("telemetry", 10, 1, TopicOutcome.Result.CREATED, List.of("compression.type=lz4")),
                new TopicOutcome("commands", 3, 1, TopicOutcome.Result.DRIFT,
                        List.of("retention.ms: 1 -> 2", "has 6 partitions, 3 configured: left as is"))),
                probe);

        assertThat(report).isEqualTo("""
                Kafka cluster abc123 at localhost:9092: 1 broker, controller 1, replication factor 1

                TOPIC      PARTITIONS  REPLICAS  RESULT   DETAILS
                telemetry  10          1         created  compression.type=lz4
                commands   3           1         drift    retention.ms: 1 -> 2
                                                          has 6 partitions, 3 configured: left as is

                Probe: wrote to purplesector-health-0 at offset 41 and read it back in 12 ms
                Healthy: 1 created, 1 drift.
                """);
    }

    @Test
    void saysWhenNothingChanged() {
        assertThat(SetupReport.summary(List.of(
                new TopicOutcome("a", 1, 1, TopicOutcome.Result.UNCHANGED, List.of()),
                new TopicOutcome("b", 1, 1, TopicOutcome.Result.UNCHANGED, List.of()))))
                .isEqualTo("all 2 topics as configured, nothing changed.");
    }
}
