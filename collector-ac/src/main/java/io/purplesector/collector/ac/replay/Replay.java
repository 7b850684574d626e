package io.purplesector.collector.ac.replay;

import io.purplesector.collector.ac.AcProperties;
import io.purplesector.collector.ac.pcap.CapturedDatagram;
import io.purplesector.collector.ac.pcap.PcapReader;
import io.purplesector.collector.ac.session.AcSessions;
import io.purplesector.service.TelemetryPublisher;
import io.purplesector.telemetry.proto.SessionEndReason;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * Runs a capture through the same decoder and publisher as live data: the UDP datagrams sent from
 * the game's port, at the recorded pace or as fast as possible, stamped with their capture time.
 * Ends the last session, waits until the broker has acknowledged every record, and prints one
 * line of summary.
 */
@Component
@ConditionalOnExpression("!'${purplesector.ac.replay:}'.isEmpty()")
class Replay implements ApplicationRunner {

    /** What a replay did. */
    record Summary(Path file, long read, long decoded, long malformed, long framesPublished, long publishErrors) {

        @Override
        public String toString() {
            return String.format("Replayed %s: %d datagrams read, %d decoded, %d malformed, %d frames published%s",
                    file, read, decoded, malformed, framesPublished,
                    publishErrors > 0 ? ", " + publishErrors + " records NOT published (see the log)" : "");
        }
    }

    private final AcProperties properties;
    private final AcSessions sessions;
    private final TelemetryPublisher publisher;

    Replay(AcProperties properties, AcSessions sessions, TelemetryPublisher publisher) {
        this.properties = properties;
        this.sessions = sessions;
        this.publisher = publisher;
    }

    @Override
    public void run(ApplicationArguments arguments) throws IOException, InterruptedException {
        Summary summary = replay(properties.replay());
        System.out.println(summary);
        if (summary.publishErrors() > 0) {
            throw new IllegalStateException(summary.toString());
        }
    }

    Summary replay(Path file) throws IOException, InterruptedException {
        long read = 0;
        long decoded = 0;
        long framesBefore = publisher.framesPublished();
        long errorsBefore = publisher.errors();
        long lastAt = 0;
        try (PcapReader reader = new PcapReader(file)) {
            long firstCapture = -1;
            long startedAt = System.nanoTime();
            for (CapturedDatagram datagram = reader.next(); datagram != null; datagram = reader.next()) {
                if (datagram.sourcePort() != properties.gamePort()) {
                    continue;
                }
                if (properties.replaySpeed() > 0) {
                    firstCapture = firstCapture < 0 ? datagram.timestampMicros() : firstCapture;
                    pace(startedAt, (datagram.timestampMicros() - firstCapture) / properties.replaySpeed());
                }
                read++;
                if (sessions.accept(datagram.payload(), datagram.timestampMillis()) != null) {
                    decoded++;
                }
                lastAt = datagram.timestampMillis();
            }
        }
        sessions.end(SessionEndReason.COLLECTOR_STOPPED, lastAt);
        publisher.flush();
        return new Summary(file, read, decoded, read - decoded, publisher.framesPublished() - framesBefore,
                publisher.errors() - errorsBefore);
    }

    private static void pace(long startedAt, double captureOffsetMicros) throws InterruptedException {
        long wait = (long) (captureOffsetMicros * 1000) - (System.nanoTime() - startedAt);
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
