package io.purplesector.carmodel.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.purplesector.carmodel.drive.Car;
import io.purplesector.carmodel.driver.Drivetrain;
import io.purplesector.carmodel.track.Circuits;
import io.purplesector.collector.plausibility.Plausibility;
import io.purplesector.telemetry.proto.LapCompleted;
import io.purplesector.telemetry.proto.PitState;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoSessionTest {

    private static final long START = 1_700_000_000_000L;

    /** A clock that moves one frame (1/60 s) per reading after the first. */
    private static java.util.function.LongSupplier sessionClock() {
        long[] readings = {0};
        return () -> START + Math.round(readings[0]++ * 1000.0 / 60);
    }

    private static List<TelemetryRecord> drive(long seed, int laps) {
        DemoSession session = new DemoSession(new DemoSession.Settings("s-" + seed, "jane", seed, 60, laps),
                Circuits.PURPLE_PARK, Car.PURPLE_GT3, sessionClock());
        List<TelemetryRecord> records = new ArrayList<>();
        while (!session.finished()) {
            records.addAll(session.advance());
        }
        return records;
    }

    private static final List<TelemetryRecord> FOUR_LAPS = drive(42, 4);

    private static List<TelemetryFrame> frames(List<TelemetryRecord> records) {
        return records.stream().filter(TelemetryRecord::hasFrame).map(TelemetryRecord::getFrame).toList();
    }

    private static List<LapCompleted> laps(List<TelemetryRecord> records) {
        return records.stream().filter(TelemetryRecord::hasLapCompleted).map(TelemetryRecord::getLapCompleted).toList();
    }

    @Test
    void startsWithSessionStartedAndEndsWithSessionEndedAfterTheLastLap() {
        assertThat(FOUR_LAPS.get(0).getSessionStarted().getTrack()).isEqualTo("purple_park");
        assertThat(FOUR_LAPS.get(0).getSessionStarted().getStartedAt()).isEqualTo(START);
        TelemetryRecord last = FOUR_LAPS.get(FOUR_LAPS.size() - 1);
        assertThat(last.getSessionEnded().getReason()).isEqualTo(SessionEndReason.FINISHED);
        assertThat(last.getSessionEnded().getLastFrameSequence()).isEqualTo(frames(FOUR_LAPS).size());
        assertThat(FOUR_LAPS.get(FOUR_LAPS.size() - 2).getLapCompleted().getLapNumber()).isEqualTo(4);
    }

    @Test
    void everyFrameAndLapIsWithinThePlausibilityRangesOfEveryCollector() {
        for (long seed = 1; seed <= 5; seed++) {
            List<TelemetryRecord> session = drive(seed, 2);
            assertThat(frames(session)).allSatisfy(frame -> assertThat(Plausibility.implausible(frame)).isEmpty());
            assertThat(laps(session)).allSatisfy(lap ->
                    assertThat(Plausibility.plausibleLap(lap.getLapNumber(), lap.getLapTime())).isTrue());
        }
    }

    @Test
    void framesAreNumberedWithoutGapsAndSixtyPerSecond() {
        List<TelemetryFrame> frames = frames(FOUR_LAPS);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).getSequence()).isEqualTo(i + 1);
            assertThat(frames.get(i).getSessionId()).isEqualTo("s-42");
            assertThat(frames.get(i).getUserId()).isEqualTo("jane");
        }
        long span = frames.get(frames.size() - 1).getTimestamp() - frames.get(0).getTimestamp();
        assertThat((double) span / (frames.size() - 1)).isBetween(16.5, 16.8);
    }

    @Test
    void outLapFromThePitsIsSlowAndDoesNotCountTimedLapsVaryBelievably() {
        List<LapCompleted> laps = laps(FOUR_LAPS);
        assertThat(laps).extracting(LapCompleted::getLapNumber).containsExactly(1, 2, 3, 4);
        assertThat(laps.get(0).getValid()).isFalse();
        List<Integer> timed = laps.subList(1, 4).stream().map(LapCompleted::getLapTime).toList();
        assertThat(timed).allSatisfy(t -> assertThat(t).isBetween(60_000, 120_000));
        assertThat(laps.get(0).getLapTime()).isGreaterThan(timed.stream().mapToInt(t -> t).max().orElseThrow());
        assertThat(timed.stream().distinct().count()).as("lap-to-lap variation").isGreaterThan(1);
        int spread = timed.stream().mapToInt(t -> t).max().orElseThrow() - timed.stream().mapToInt(t -> t).min().orElseThrow();
        assertThat(spread).isLessThan(3_000);
        assertThat(laps.subList(1, 4)).allSatisfy(lap -> assertThat(lap.getSectorTimesList()).hasSize(3)
                .satisfies(sectors -> assertThat(sectors.stream().mapToInt(s -> s).sum())
                        .isCloseTo(lap.getLapTime(), org.assertj.core.data.Offset.offset(20))));
    }

    @Test
    void frameLapCounterAdvancesRightAfterEachLapCompleted() {
        int lap = 1;
        for (TelemetryRecord record : FOUR_LAPS) {
            if (record.hasLapCompleted()) {
                assertThat(record.getLapCompleted().getLapNumber()).isEqualTo(lap);
                lap++;
            } else if (record.hasFrame()) {
                assertThat(record.getFrame().getLapNumber()).isEqualTo(lap);
            }
        }
    }

    @Test
    void channelsAreConsistentWithEachOther() {
        List<TelemetryFrame> frames = frames(FOUR_LAPS);
        assertThat(frames.get(0).getPitState()).isEqualTo(PitState.PIT_LANE);
        assertThat(frames).allSatisfy(frame -> {
            assertThat(frame.getSpeed()).isBetween(0f, 285f);
            assertThat(frame.getGear()).isEqualTo(frame.getSpeed() < 2 ? frame.getGear()
                    : Drivetrain.GT3.gearFor(frame.getSpeed() / 3.6));
            assertThat(frame.getRawGear()).isEqualTo(frame.getGear() + 1);
            assertThat(frame.getRpm()).isBetween(1200, 7800);
            if (frame.getBrake() > 0.3f) {
                assertThat(frame.getThrottle()).isZero();
            }
            if (frame.getPitState() == PitState.PIT_LANE) {
                assertThat(frame.getSpeed()).isLessThanOrEqualTo(80.5f);
            }
        });
        assertThat(frames).anySatisfy(f -> assertThat(f.getBrake()).isGreaterThan(0.8f));
        assertThat(frames).anySatisfy(f -> assertThat(f.getThrottle()).isGreaterThan(0.95f));
        assertThat(frames.stream().mapToDouble(TelemetryFrame::getSpeed).max().orElseThrow()).isGreaterThan(200);
        assertThat(frames.get(frames.size() - 1).getFuel()).isLessThan(frames.get(0).getFuel());
    }

    @Test
    void sameSeedSameSessionOtherSeedOtherLaps() {
        assertThat(drive(42, 4)).isEqualTo(FOUR_LAPS);
        assertThat(laps(drive(7, 4))).extracting(LapCompleted::getLapTime)
                .isNotEqualTo(laps(FOUR_LAPS).stream().map(LapCompleted::getLapTime).toList());
    }

    @Test
    void stoppingEndsTheSessionOnce() {
        DemoSession session = new DemoSession(new DemoSession.Settings("s", "", 1, 30, 0),
                Circuits.PURPLE_PARK, Car.PURPLE_GT3, () -> START);
        session.advance();
        session.advance();

        List<TelemetryRecord> end = session.end(SessionEndReason.STOPPED_BY_COMMAND);

        assertThat(end).singleElement().satisfies(r -> {
            assertThat(r.getSessionEnded().getReason()).isEqualTo(SessionEndReason.STOPPED_BY_COMMAND);
            assertThat(r.getSessionEnded().getLastFrameSequence()).isEqualTo(2);
        });
        assertThat(session.finished()).isTrue();
        assertThat(session.advance()).isEmpty();
        assertThat(session.end(SessionEndReason.COLLECTOR_STOPPED)).isEmpty();
    }

    @Test
    void refusesImpossibleSettings() {
        assertThatThrownBy(() -> new DemoSession.Settings("s", "", 1, 0, 0)).hasMessageContaining("1 to 1000");
        assertThatThrownBy(() -> new DemoSession.Settings("s", "", 1, 60, -1)).hasMessageContaining("laps");
    }
}
