package io.purplesector.dbconsumer.lap;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the {@link LapDetector} of a session knows, as stored with the session so that lap
 * detection resumes after a restart exactly where the stored frames end.
 *
 * @param open the lap being driven, null before the first frame and between a lap the game
 *        closed and the next frame
 * @param lastClosed the newest completed lap, which a late lap-completed message may still amend
 * @param nextLapNumber the number the next lap gets when frames carry no lap counter
 * @param lastPosition normalized track position of the newest frame
 */
public record LapState(@Nullable OpenLap open, @Nullable Lap lastClosed, int nextLapNumber, float lastPosition) {

    /** A session that has sent nothing yet. */
    public static final LapState NEW = new LapState(null, null, 1, 0);

    /**
     * The lap in progress.
     *
     * @param number its number
     * @param startedAt timestamp of its first frame, epoch ms
     * @param firstSequence sequence of its first frame
     * @param lastTimestamp timestamp of its newest frame
     * @param lastSequence sequence of its newest frame
     * @param framesValid no frame of it was marked invalid
     * @param outLap it began in the pit lane
     * @param inLap the car entered the pit lane during it
     * @param onTrack the car has been on track during it
     * @param partial the session joined it after the line
     * @param sector the sector the car is in
     * @param sectorStartedAt when the car entered that sector
     * @param sectorTimesMs the sectors completed in it
     */
    public record OpenLap(int number, long startedAt, long firstSequence, long lastTimestamp, long lastSequence,
            boolean framesValid, boolean outLap, boolean inLap, boolean onTrack, boolean partial, int sector,
            long sectorStartedAt, List<Integer> sectorTimesMs) {
    }
}
