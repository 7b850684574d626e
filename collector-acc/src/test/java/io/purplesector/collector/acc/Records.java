package io.purplesector.collector.acc;

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

    static List<SessionStarted> starts(List<ConsumerRecord<String, TelemetryRecord>> records) {
        return records.stream().map(ConsumerRecord::value).filter(TelemetryRecord::hasSessionStarted)
                .map(TelemetryRecord::getSessionStarted).toList();
    }
}
