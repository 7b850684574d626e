package io.purplesector.collector.acc.protocol;

import java.util.List;
import java.util.OptionalInt;

/**
 * A lap as broadcasting describes it (B.5): its time and splits, {@link #NO_TIME} where there is
 * none yet, and its flags.
 */
public record LapInfo(int lapTimeMs, int carIndex, int driverIndex, List<Integer> splitsMs, boolean invalid,
        boolean validForBest, boolean outLap, boolean inLap) {

    /** INT32_MAX: no lap time, or no split, yet. */
    public static final int NO_TIME = Integer.MAX_VALUE;

    public LapInfo {
        splitsMs = List.copyOf(splitsMs);
    }

    /** The lap's time, when it has one. */
    public OptionalInt lapTime() {
        return lapTimeMs == NO_TIME ? OptionalInt.empty() : OptionalInt.of(lapTimeMs);
    }
}
