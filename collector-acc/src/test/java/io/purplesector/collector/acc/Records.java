package io.purplesector.collector.acc;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.telemetry.proto.LapCompleted;
import io.purplesector.telemetry.proto.SessionStarted;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the collector published, sorted by kind, for the end-to-end tests. */
final class Records {

    private Records() {
    }

    static List<TelemetryFrame> frames(List<ConsumerRecord<String, TelemetryRecord>> records) {
        return records.stream().map(ConsumerRecord::value).filter(TelemetryRecord::hasFrame)
                .map(TelemetryRecord::getFrame).toList();
    }

    static List<LapCompleted> laps(List<ConsumerRecord<String, TelemetryRecord>> records) {
        return records.stream().map(ConsumerRecord::value).filter(TelemetryRecord::hasLapCompleted)
                .map(TelemetryRecord::getLapCompleted).toList();
    }

    /**
     * Laps reported once each, in order, none skipped. Which lap comes first depends on when the
     * collector joined the (simulated) game: laps before that are not the collector's to report.
     */
    static void assertConsecutive(List<LapCompleted> laps) {
        assertThat(laps).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < laps.size(); i++) {
            assertThat(laps.get(i).getLapNumber()).as("the lap after lap %d", laps.get(i - 1).getLapNumber())
                    .isEqualTo(laps.get(i - 1).getLapNumber() + 1);
        }
    }

    static List<SessionStarted> starts(List<ConsumerRecord<String, TelemetryRecord>> records) {
        return records.stream().map(ConsumerRecord::value).filter(TelemetryRecord::hasSessionStarted)
                .map(TelemetryRecord::getSessionStarted).toList();
    }
}
