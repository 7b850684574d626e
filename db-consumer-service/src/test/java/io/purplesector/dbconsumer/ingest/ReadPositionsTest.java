package io.purplesector.dbconsumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReadPositionsTest {

    private final TopicPartition partition = new TopicPartition("telemetry-user-a", 0);
    private final ReadPositions positions = new ReadPositions();

    @Test
    void aBatchThatBeginsWhereTheDatabaseStandsOrBeforeLeavesNoGap() {
        assertThat(positions.leavesGap(partition, 100, 100)).isFalse();
        assertThat(positions.leavesGap(partition, 40, 100)).isFalse();
    }

    @Test
    void aBatchThatBeginsPastTheDatabaseLeavesAGapUntilTheConsumerWasSetToTheDatabasesPosition() {
        assertThat(positions.leavesGap(partition, 150, 100)).isTrue();

        positions.readAgain(partition, 100);

        assertThat(positions.takeReadAgain()).isEqualTo(Map.of(partition, 100L));
        assertThat(positions.takeReadAgain()).as("asked for once").isEmpty();
        // Set there, and Kafka still begins further on: nothing in between to read.
        assertThat(positions.leavesGap(partition, 150, 100)).isFalse();
        // The database moved on (stored by this consumer) and later fell back again.
        assertThat(positions.leavesGap(partition, 300, 200)).isTrue();
    }

    @Test
    void anAssignmentSetsWhereEachPartitionIsReadFromAndForgettingDropsIt() {
        positions.setTo(Map.of(partition, 0L));
        assertThat(positions.leavesGap(partition, 5_000, 0)).as("the beginning of a log trimmed by retention").isFalse();

        positions.readAgain(partition, 7);
        positions.forget(List.of(partition));

        assertThat(positions.takeReadAgain()).isEmpty();
        assertThat(positions.leavesGap(partition, 5_000, 0)).isTrue();
    }
}
