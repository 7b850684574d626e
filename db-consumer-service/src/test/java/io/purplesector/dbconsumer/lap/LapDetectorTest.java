package io.purplesector.dbconsumer.lap;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.dbconsumer.frame.FrameFields;
import io.purplesector.telemetry.proto.LapCompleted;
import io.purplesector.telemetry.proto.PitState;
import io.purplesector.telemetry.proto.TelemetryFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LapDetectorTest {

    private final List<Lap> laps = new ArrayList<>();
    private LapDetector detector = new LapDetector(LapState.NEW);
    private long sequence;

    @Test
    void gameCounterEndsLapsAndTimesComeFromFrameTimestamps() {
        frame(1_000, 1, 0.00f, PitState.ON_TRACK);
        frame(31_000, 1, 0.50f, PitState.ON_TRACK);
        frame(61_000, 1, 0.99f, PitState.ON_TRACK);
        frame(62_000, 2, 0.01f, PitState.ON_TRACK);

        assertThat(laps).singleElement().satisfies(lap -> {
            assertThat(lap.number()).isEqualTo(1);
            assertThat(lap.lapTimeMs()).isEqualTo(61_000);
            assertThat(lap.timeSource()).isEqualTo(Lap.TimeSource.FRAMES);
            assertThat(lap.valid()).isTrue();
            assertThat(lap.partial()).isFalse();
            assertThat(lap.outLap()).isFalse();
            assertThat(lap.firstSequence()).isEqualTo(1);
            assertThat(lap.lastSequence()).isEqualTo(3);
            assertThat(lap.startedAt()).isEqualTo(1_000);
            assertThat(lap.endedAt()).isEqualTo(61_000);
        });
    }

    @Test
    void withoutAGameCounterAWrapOfTheTrackPositionEndsTheLap() {
        frame(0, 0, 0.001f, PitState.PIT_STATE_UNKNOWN);
        frame(40_000, 0, 0.5f, PitState.PIT_STATE_UNKNOWN);
        frame(80_000, 0, 0.95f, PitState.PIT_STATE_UNKNOWN);
        frame(80_500, 0, 0.02f, PitState.PIT_STATE_UNKNOWN);
        frame(120_000, 0, 0.5f, PitState.PIT_STATE_UNKNOWN);
        frame(161_000, 0, 0.97f, PitState.PIT_STATE_UNKNOWN);
        frame(161_200, 0, 0.005f, PitState.PIT_STATE_UNKNOWN);

        assertThat(laps).extracting(Lap::number).containsExactly(1, 2);
        assertThat(laps).extracting(Lap::lapTimeMs).containsExactly(80_500, 80_700);
        assertThat(laps).allSatisfy(lap -> assertThat(lap.valid()).isTrue());
    }

    @Test
    void aPositionGoingBackwardsInTheMiddleOfTheTrackIsNoLap() {
        frame(0, 0, 0.5f, PitState.PIT_STATE_UNKNOWN);
        frame(1_000, 0, 0.3f, PitState.PIT_STATE_UNKNOWN);
        frame(2_000, 0, 0.6f, PitState.PIT_STATE_UNKNOWN);

        assertThat(laps).isEmpty();
    }

    @Test
    void theFirstLapJoinedAfterTheLineIsPartialAndDoesNotCount() {
        frame(0, 3, 0.4f, PitState.ON_TRACK);
        frame(50_000, 3, 0.99f, PitState.ON_TRACK);
        frame(50_500, 4, 0.001f, PitState.ON_TRACK);

        assertThat(laps).singleElement().satisfies(lap -> {
            assertThat(lap.number()).isEqualTo(3);
            assertThat(lap.partial()).isTrue();
            assertThat(lap.valid()).isFalse();
        });
    }

    @Test
    void aLapWithAFrameTheGameMarkedInvalidIsInvalid() {
        frame(0, 1, 0.0f, PitState.ON_TRACK);
        add(TelemetryFrame.newBuilder().setTimestamp(10_000).setLapNumber(1).setNormalizedPosition(0.3f)
                .setPitState(PitState.ON_TRACK).setLapValid(false).build());
        frame(20_000, 1, 0.6f, PitState.ON_TRACK);
        frame(30_000, 2, 0.0f, PitState.ON_TRACK);
        frame(60_000, 3, 0.0f, PitState.ON_TRACK);

        assertThat(laps).extracting(Lap::valid).containsExactly(false, true);
    }

    @Test
    void outLapsStartInThePitsAndInLapsEndThere() {
        frame(0, 1, 0.98f, PitState.PIT_BOX);
        frame(5_000, 1, 0.99f, PitState.PIT_LANE);
        frame(10_000, 1, 0.5f, PitState.ON_TRACK);
        frame(20_000, 2, 0.0f, PitState.ON_TRACK);
        frame(30_000, 2, 0.9f, PitState.ON_TRACK);
        frame(35_000, 2, 0.95f, PitState.PIT_LANE);
        frame(40_000, 3, 0.0f, PitState.PIT_LANE);

        assertThat(laps).hasSize(2);
        assertThat(laps.get(0).outLap()).isTrue();
        assertThat(laps.get(0).inLap()).isFalse();
        assertThat(laps.get(0).valid()).isFalse();
        assertThat(laps.get(1).outLap()).isFalse();
        assertThat(laps.get(1).inLap()).isTrue();
    }

    @Test
    void sectorTimesOfATimedLapComeFromSectorChanges() {
        frame(0, 1, 0.0f, PitState.ON_TRACK, 0);
        frame(25_000, 1, 0.3f, PitState.ON_TRACK, 1);
        frame(55_000, 1, 0.7f, PitState.ON_TRACK, 2);
        frame(90_000, 2, 0.0f, PitState.ON_TRACK, 0);

        assertThat(laps.get(0).sectorTimesMs()).containsExactly(25_000, 30_000, 35_000);
    }

    @Test
    void theGamesLapEventClosesTheLapWithItsOwnTimeValidityAndSectors() {
        frame(1_000, 1, 0.0f, PitState.ON_TRACK);
        frame(90_000, 1, 0.99f, PitState.ON_TRACK);
        detector.onLapCompleted(LapCompleted.newBuilder().setLapNumber(1).setLapTime(89_321).setTimeFromGame(true)
                .setValid(false).addAllSectorTimes(List.of(30_000, 30_000, 29_321)).build(), laps::add);
        frame(90_020, 2, 0.001f, PitState.ON_TRACK);
        frame(150_000, 2, 0.99f, PitState.ON_TRACK);

        assertThat(laps).singleElement().satisfies(lap -> {
            assertThat(lap.lapTimeMs()).isEqualTo(89_321);
            assertThat(lap.timeSource()).isEqualTo(Lap.TimeSource.GAME);
            assertThat(lap.valid()).isFalse();
            assertThat(lap.sectorTimesMs()).containsExactly(30_000, 30_000, 29_321);
            assertThat(lap.lastSequence()).isEqualTo(2);
        });
    }

    @Test
    void aLateLapEventAmendsTheLapTheFramesClosed() {
        frame(0, 0, 0.0f, PitState.ON_TRACK);
        frame(60_000, 0, 0.99f, PitState.ON_TRACK);
        frame(60_100, 0, 0.01f, PitState.ON_TRACK);
        detector.onLapCompleted(LapCompleted.newBuilder().setLapNumber(1).setLapTime(60_050).setTimeFromGame(true)
                .build(), laps::add);

        assertThat(laps).hasSize(2);
        assertThat(laps.get(0).lapTimeMs()).isEqualTo(60_100);
        assertThat(laps.get(1).number()).isEqualTo(1);
        assertThat(laps.get(1).lapTimeMs()).isEqualTo(60_050);
        assertThat(laps.get(1).timeSource()).isEqualTo(Lap.TimeSource.GAME);
        assertThat(laps.get(1).firstSequence()).isEqualTo(1);
    }

    @Test
    void aDetectorResumedFromItsStoredStateFindsTheSameLaps() {
        JsonMapper json = JsonMapper.builder().build();
        frame(0, 0, 0.0f, PitState.ON_TRACK, 0);
        frame(30_000, 0, 0.5f, PitState.ON_TRACK, 1);
        add(TelemetryFrame.newBuilder().setTimestamp(40_000).setNormalizedPosition(0.6f)
                .setPitState(PitState.ON_TRACK).setSector(1).setLapValid(false).build());

        String stored = json.writeValueAsString(detector.state());
        detector = new LapDetector(json.readValue(stored, LapState.class));

        frame(70_000, 0, 0.95f, PitState.ON_TRACK, 2);
        frame(70_500, 0, 0.01f, PitState.ON_TRACK, 0);
        assertThat(laps).singleElement().satisfies(lap -> {
            assertThat(lap.lapTimeMs()).isEqualTo(70_500);
            assertThat(lap.valid()).isFalse();
            assertThat(lap.sectorTimesMs()).containsExactly(30_000, 40_000, 500);
            assertThat(lap.firstSequence()).isEqualTo(1);
        });
    }

    @Test
    void aSectorThatFlipsOnEveryFrameKeepsTheLapsStateBounded() {
        frame(0, 1, 0.0f, PitState.ON_TRACK, 0);
        for (int i = 1; i <= 10_000; i++) {
            frame(i, 1, 0.5f, PitState.ON_TRACK, i % 2);
        }

        assertThat(detector.state().open().sectorTimesMs()).hasSize(LapDetector.MAX_SECTORS);
    }

    private void frame(long timestamp, int lapNumber, float position, PitState pit) {
        frame(timestamp, lapNumber, position, pit, 0);
    }

    private void frame(long timestamp, int lapNumber, float position, PitState pit, int sector) {
        add(TelemetryFrame.newBuilder().setTimestamp(timestamp).setLapNumber(lapNumber)
                .setNormalizedPosition(position).setPitState(pit).setSector(sector).build());
    }

    private void add(TelemetryFrame frame) {
        detector.onFrame(new FrameFields().copyOf(frame), ++sequence, laps::add);
    }
}
