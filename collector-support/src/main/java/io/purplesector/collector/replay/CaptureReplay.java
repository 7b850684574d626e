package io.purplesector.collector.replay;

import io.purplesector.collector.capture.CapturedDatagram;
import io.purplesector.collector.capture.PcapReader;
import io.purplesector.collector.publish.TelemetryPublisher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * Runs a capture through a collector's live decoding path: the game's datagrams, at the recorded
 * pace (or a multiple of it, or as fast as possible), each stamped with its capture time; then
 * ends the last session and waits until the broker has acknowledged or refused every record.
 */
public final class CaptureReplay {

    /** Where each of the game's datagrams goes: the live path's decoder. */
    @FunctionalInterface
    public interface DatagramSink {

        /** @return whether the datagram was one of the game's structures (false: malformed, counted) */
        boolean accept(ByteBuffer payload, long capturedAtMillis);
    }

    private final TelemetryPublisher publisher;

    public CaptureReplay(TelemetryPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * @param fromGame which datagrams of the capture the game sent (the client's own requests are skipped)
     * @param speed 1 replays at the recorded pace, 2 twice as fast, 0 as fast as possible
     * @param sink the live path's decoder
     * @param end ends the session still open, at the last datagram's capture time
     */
    public ReplaySummary replay(Path file, Predicate<CapturedDatagram> fromGame, double speed, DatagramSink sink,
            LongConsumer end) throws IOException, InterruptedException {
        long read = 0;
        long decoded = 0;
        long framesBefore = publisher.framesPublished();
        long errorsBefore = publisher.errors();
        long lastAt = 0;
        try (PcapReader reader = new PcapReader(file)) {
            long firstCapture = -1;
            long startedAt = System.nanoTime();
            for (CapturedDatagram datagram = reader.next(); datagram != null; datagram = reader.next()) {
                if (!fromGame.test(datagram)) {
                    continue;
                }
                if (speed > 0) {
                    firstCapture = firstCapture < 0 ? datagram.timestampMicros() : firstCapture;
                    pace(startedAt, (datagram.timestampMicros() - firstCapture) / speed);
                }
                read++;
                if (sink.accept(datagram.payload(), datagram.timestampMillis())) {
                    decoded++;
                }
                lastAt = datagram.timestampMillis();
            }
        }
        end.accept(lastAt);
        publisher.flush();
        return new ReplaySummary(file, read, decoded, read - decoded, publisher.framesPublished() - framesBefore,
                publisher.errors() - errorsBefore);
    }

    /**
     * Says how the replay went on the console, as the command's one line of output.
     *
     * @throws IllegalStateException when a record did not reach the broker, so that the command
     *         exits with a failure status
     */
    public static void report(ReplaySummary summary) {
        System.out.println(summary);
        if (!summary.complete()) {
            throw new IllegalStateException(summary.toString());
        }
    }

    /**
     * Waits until {@code captureOffsetMicros} of the recording have passed since {@code startedAt}
     * (a {@link System#nanoTime()}), for a replay at the recorded pace.
     */
    public static void pace(long startedAt, double captureOffsetMicros) throws InterruptedException {
        long wait = (long) (captureOffsetMicros * 1000) - (System.nanoTime() - startedAt);
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
