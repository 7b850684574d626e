package io.purplesector.collector.ac.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.collector.ac.protocol.AcEncoder;
import io.purplesector.collector.ac.protocol.CarInfo;
import io.purplesector.collector.ac.protocol.HandshakeResponse;
import io.purplesector.collector.ac.protocol.LapEvent;
import io.purplesector.collector.ac.protocol.Wheels;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions, the rate cap and lap reporting, on datagrams stamped with a clock of the test's own. */
class AcSessionsTest {

    private static final long START = 1_800_000_000_000L;

    private final AcEncoder encoder = new AcEncoder();
    private final List<TelemetryRecord> published = new ArrayList<>();

    @Test
    void aPhysicsRateStreamCappedAt100HzGives100FramesASecondAndEveryLapChange() {
        AcSessions sessions = sessions(100);
        handshake(sessions, START);
        // Ten seconds at 333 Hz (every 3 ms); the lap counter moves at 5.004 s, between two due frames.
        for (int i = 0; i < 3333; i++) {
            long at = START + 3L * i;
            sessions.accept(car(at < START + 5003 ? 0 : 1, (int) (at - START)), at);
        }
        List<TelemetryRecord> frames = published.stream().filter(TelemetryRecord::hasFrame).toList();
        assertThat(frames.size()).isBetween(995, 1005);
        assertThat(frames).anySatisfy(frame -> assertThat(frame.getFrame().getTimestamp()).isEqualTo(START + 5004));
        assertThat(frames).extracting(frame -> frame.getFrame().getSequence())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, frames.size()).boxed().toList());
    }

    @Test
    void eachLapIsReportedOnceFromWhicheverComesFirstWithTheGamesTime() {
        AcSessions sessions = sessions(0);
        handshake(sessions, START);
        sessions.accept(car(0, 0), START + 10);
        // The lap event for this driver and car arrives before the counter moves ...
        sessions.accept(datagram(new LapEvent(0, 1, "driver", "car", 91_234)), START + 20);
        sessions.accept(car(1, 91_000), START + 30);
        // ... another car's lap event is not ours; the counter moving first reports lap 2 by itself.
        sessions.accept(datagram(new LapEvent(3, 2, "someone", "other car", 80_000)), START + 40);
        sessions.accept(car(2, 90_500), START + 50);
        sessions.accept(datagram(new LapEvent(0, 2, "driver", "car", 90_501)), START + 60);

        List<TelemetryRecord> laps = published.stream().filter(TelemetryRecord::hasLapCompleted).toList();
        assertThat(laps).extracting(lap -> lap.getLapCompleted().getLapNumber()).containsExactly(1, 2);
        assertThat(laps).extracting(lap -> lap.getLapCompleted().getLapTime()).containsExactly(91_234, 90_500);
    }

    @Test
    void aSessionStartsWithItsFirstCarDataAndEndsAfterSilence() {
        AcSessions sessions = sessions(0);
        handshake(sessions, START);
        handshake(sessions, START + 1);
        assertThat(published).isEmpty();

        sessions.accept(car(0, 0), START + 100);
        sessions.accept(car(0, 10), START + 110);
        // Six seconds without car data: that session is over; the next handshake starts another.
        handshake(sessions, START + 6_200);
        sessions.accept(car(0, 0), START + 6_300);

        assertThat(published).extracting(TelemetryRecord::getPayloadCase).containsExactly(
                TelemetryRecord.PayloadCase.SESSION_STARTED, TelemetryRecord.PayloadCase.FRAME,
                TelemetryRecord.PayloadCase.FRAME, TelemetryRecord.PayloadCase.SESSION_ENDED,
                TelemetryRecord.PayloadCase.SESSION_STARTED, TelemetryRecord.PayloadCase.FRAME);
        assertThat(published.get(3).getSessionEnded().getReason()).isEqualTo(SessionEndReason.GAME_SILENT);
        assertThat(published.get(3).getSessionEnded().getLastFrameSequence()).isEqualTo(2);
        assertThat(published.get(0).getSessionStarted().getSessionId())
                .isNotEqualTo(published.get(4).getSessionStarted().getSessionId());
    }

    private AcSessions sessions(int maxRateHz) {
        return new AcSessions("jane", maxRateHz, Duration.ofSeconds(5), published::add, new SimpleMeterRegistry());
    }

    private void handshake(AcSessions sessions, long at) {
        sessions.accept(datagram(new HandshakeResponse("car", "driver", 4242, 1, "track", "")), at);
    }

    private ByteBuffer datagram(io.purplesector.collector.ac.protocol.AcDatagram datagram) {
        return ByteBuffer.wrap(encoder.encode(datagram));
    }

    private ByteBuffer car(int lapCount, int lastLapMillis) {
        return datagram(CarInfo.builder().speedKmh(100).speedMph(62).speedMs(27.8f).accGVertical(1)
                .lapTimeMillis(1234).lastLapMillis(lastLapMillis).bestLapMillis(lastLapMillis).lapCount(lapCount)
                .gas(0.5f).engineRpm(5000).rawGear(3).cgHeight(0.3f).carPositionNormalized(0.5f)
                .wheelAngularSpeed(new Wheels(1, 1, 1, 1)).tyreRadius(new Wheels(1, 1, 1, 1)).build());
    }
}
