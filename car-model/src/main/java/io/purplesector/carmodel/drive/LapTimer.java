package io.purplesector.carmodel.drive;

import io.purplesector.carmodel.track.Circuit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Lap and sector timing from session time, as a game's timing does: the lap number, each sector's
 * time, the last and best lap, whether the lap still counts, and the delta to the best lap at
 * the same point of the track (from the lap time at every metre of the best lap).
 */
final class LapTimer {

    private final Circuit circuit;
    private final int[] lapTimeAtMetre;
    private final List<Integer> sectorTimes = new ArrayList<>();
    private int lap = 1;
    private long lapStartMillis;
    private long sectorStartMillis;
    private double invalidFrom = Double.MAX_VALUE;
    private int lastLapMillis;
    private int bestLapMillis;
    private int[] bestLapTimeAtMetre;

    LapTimer(Circuit circuit) {
        this.circuit = circuit;
        this.lapTimeAtMetre = new int[(int) Math.ceil(circuit.length()) + 1];
    }

    int lap() {
        return lap;
    }

    /** The car crossed the line: the lap ends and the next one begins, counting until {@code invalidFrom} metres. */
    CompletedLap completeLap(long nowMillis, long lastSequence, double nextInvalidFrom) {
        int lapTime = (int) (nowMillis - lapStartMillis);
        boolean valid = lap > 1 && invalidFrom == Double.MAX_VALUE;
        sectorTimes.add((int) (nowMillis - sectorStartMillis));
        CompletedLap completed = new CompletedLap(lap, lapTime, valid, lap > 1 ? sectorTimes : List.of(), lastSequence);
        lastLapMillis = lapTime;
        if (valid && (bestLapMillis == 0 || lapTime < bestLapMillis)) {
            bestLapMillis = lapTime;
            bestLapTimeAtMetre = Arrays.copyOf(lapTimeAtMetre, lapTimeAtMetre.length);
        }
        lap++;
        lapStartMillis = nowMillis;
        sectorStartMillis = nowMillis;
        sectorTimes.clear();
        invalidFrom = nextInvalidFrom;
        Arrays.fill(lapTimeAtMetre, 0);
        return completed;
    }

    /** The car moved within the lap from {@code before} to {@code after} metres: a sector may have ended. */
    void moved(double before, double after, long nowMillis) {
        if (circuit.sectorAt(after) != circuit.sectorAt(before)) {
            sectorTimes.add((int) (nowMillis - sectorStartMillis));
            sectorStartMillis = nowMillis;
        }
    }

    /** Notes the lap time at every metre passed in this step, for the delta to the best lap. */
    void passed(double before, double after, long nowMillis) {
        int from = after < before ? 0 : (int) before + 1;
        Arrays.fill(lapTimeAtMetre, Math.min(from, (int) after), (int) after + 1, (int) (nowMillis - lapStartMillis));
    }

    CarState.LapProgress progress(double lapDistance, long nowMillis) {
        int lapTime = (int) (nowMillis - lapStartMillis);
        OptionalInt delta = bestLapTimeAtMetre == null ? OptionalInt.empty()
                : OptionalInt.of(lapTime - bestLapTimeAtMetre[(int) lapDistance]);
        return new CarState.LapProgress(lap, lapTime, circuit.sectorAt(lapDistance), lap > 1 && lapDistance < invalidFrom,
                lastLapMillis, bestLapMillis, delta);
    }
}
