package io.purplesector.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.telemetry.proto.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;

/** How a listener's progress is judged from its group's committed offsets and its partitions' ends. */
class ListenerProgressTest {

    private static final TopicPartition P0 = new TopicPartition(Topics.userTopic("a"), 0);
    private static final TopicPartition P1 = new TopicPartition(Topics.userTopic("b"), 0);

    private final ListenerProgress progress = new ListenerProgress(new KafkaListenerEndpointRegistry(),
            new KafkaAdmin(Map.of()), new ListenerHealthProperties(Duration.ofSeconds(10), Duration.ofSeconds(60)),
            null, Clock.systemUTC());

    @Test
    void aGroupAtTheEndHasNoLagAndNoStall() {
        ListenerProgress.Sample sample = progress.judge("l", Map.of(P0, 100L, P1, 7L), Map.of(P0, 100L, P1, 7L), 0);

        assertThat(sample.lag()).isZero();
        assertThat(sample.partitionsBehind()).isZero();
        assertThat(sample.stalledForMillis()).isZero();
    }

    @Test
    void aCommittedOffsetStandingStillWhileRecordsArriveIsAStallSinceItWasLastCaughtUp() {
        progress.judge("l", Map.of(P0, 100L), Map.of(P0, 100L), 0);
        progress.judge("l", Map.of(P0, 100L), Map.of(P0, 160L), 10_000);
        ListenerProgress.Sample sample = progress.judge("l", Map.of(P0, 100L), Map.of(P0, 3700L), 70_000);

        assertThat(sample.lag()).isEqualTo(3600);
        assertThat(sample.partitionsBehind()).isEqualTo(1);
        assertThat(sample.stalledForMillis()).isEqualTo(70_000);
    }

    @Test
    void aLagThatStandsStillIsNoStall() {
        // Records stored already (a crash between the database's commit and Kafka's): nothing new
        // arrives, so the consumer has nothing to commit, and that is no failure of its own.
        progress.judge("l", Map.of(P0, 100L), Map.of(P0, 150L), 0);
        ListenerProgress.Sample sample = progress.judge("l", Map.of(P0, 100L), Map.of(P0, 150L), 600_000);

        assertThat(sample.lag()).isEqualTo(50);
        assertThat(sample.stalledForMillis()).isZero();
    }

    @Test
    void aCommittedOffsetThatMovesIsProgressHoweverFarBehindItIs() {
        progress.judge("l", Map.of(P0, 0L), Map.of(P0, 10_000L), 0);
        progress.judge("l", Map.of(P0, 500L), Map.of(P0, 20_000L), 30_000);
        ListenerProgress.Sample sample = progress.judge("l", Map.of(P0, 1_000L), Map.of(P0, 30_000L), 60_000);

        assertThat(sample.lag()).isEqualTo(29_000);
        assertThat(sample.stalledForMillis()).isZero();
    }

    @Test
    void theLongestStalledPartitionCountsAndARevokedOneIsForgotten() {
        progress.judge("l", Map.of(P0, 10L, P1, 10L), Map.of(P0, 10L, P1, 10L), 0);
        progress.judge("l", Map.of(P0, 10L, P1, 20L), Map.of(P0, 30L, P1, 20L), 20_000);
        ListenerProgress.Sample both = progress.judge("l", Map.of(P0, 10L, P1, 20L), Map.of(P0, 40L, P1, 50L), 50_000);
        ListenerProgress.Sample afterRevoke = progress.judge("l", Map.of(P1, 20L), Map.of(P1, 60L), 55_000);

        assertThat(both.stalledForMillis()).isEqualTo(50_000);
        assertThat(both.lag()).isEqualTo(60);
        assertThat(afterRevoke.stalledForMillis()).isEqualTo(35_000);
    }
}
