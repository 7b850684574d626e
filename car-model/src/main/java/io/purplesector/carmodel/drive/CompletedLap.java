package io.purplesector.carmodel.drive;

import java.util.List;

/**
 * A lap the car has just finished.
 *
 * @param number 1 for the out-lap
 * @param timeMillis the lap's time
 * @param valid whether it counts (never the out-lap)
 * @param sectorTimes each sector's time, in order; empty for the out-lap, which starts in the pits
 * @param lastSequence the step that ended it
 */
public record CompletedLap(int number, int timeMillis, boolean valid, List<Integer> sectorTimes, long lastSequence) {

    public CompletedLap {
        sectorTimes = List.copyOf(sectorTimes);
    }
}
