package io.purplesector.collector.acc.simulator;

import io.purplesector.carmodel.drive.CarState;
import io.purplesector.carmodel.drive.CompletedLap;
import io.purplesector.carmodel.drive.DrivenCar;
import io.purplesector.collector.acc.protocol.LapInfo;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One car of the simulated grid: the shared car model, and the laps ACC would tell of it. */
final class SimulatedCar {

    final int index;
    private final DrivenCar drive;
    private @Nullable CarState state;
    private int completedLaps;
    private @Nullable CompletedLap lastLap;
    private @Nullable CompletedLap bestLap;
    private @Nullable CompletedLap justCompleted;

    SimulatedCar(int index, long seed, int rateHz) {
        this.index = index;
        this.drive = new DrivenCar(new DrivenCar.Settings(seed, rateHz, 0), AccSimulator.CIRCUIT, AccSimulator.CAR);
    }

    /** One physics step; the lap that ended in it stays in {@link #justCompleted()} until the next step. */
    void step() {
        DrivenCar.Step step = drive.step();
        justCompleted = step.completedLap();
        if (justCompleted != null) {
            completedLaps = justCompleted.number();
            lastLap = justCompleted;
            if (justCompleted.valid() && (bestLap == null || justCompleted.timeMillis() < bestLap.timeMillis())) {
                bestLap = justCompleted;
            }
        }
        if (step.state() != null) {
            state = step.state();
        }
    }

    CarState state() {
        CarState current = state;
        if (current == null) {
            throw new IllegalStateException("car " + index + " has not moved yet");
        }
        return current;
    }

    int completedLaps() {
        return completedLaps;
    }

    @Nullable CompletedLap justCompleted() {
        return justCompleted;
    }

    @Nullable CompletedLap lastLap() {
        return lastLap;
    }

    @Nullable CompletedLap bestLap() {
        return bestLap;
    }

    /** Distance driven, for the race order. */
    double distance() {
        return completedLaps + state().place().normalizedPosition();
    }

    /** A completed lap as broadcasting's lap record has it (B.5), "no time" when there is none. */
    LapInfo lapInfo(@Nullable CompletedLap lap) {
        if (lap == null) {
            return new LapInfo(LapInfo.NO_TIME, index, 0, List.of(LapInfo.NO_TIME, LapInfo.NO_TIME, LapInfo.NO_TIME),
                    false, true, false, false);
        }
        return new LapInfo(lap.timeMillis(), index, 0, lap.sectorTimes(), !lap.valid(), lap.valid(), false, false);
    }
}
