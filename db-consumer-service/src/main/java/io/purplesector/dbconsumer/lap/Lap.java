package io.purplesector.dbconsumer.lap;

import io.purplesector.telemetry.proto.LapCompleted;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A completed lap as stored: its number, its time and where that time came from, and what kind
 * of lap it was.
 *
 * @param number the lap's number, as the game counts (or the detector, without a game counter)
 * @param lapTimeMs the game's own lap time when it reported one, else computed from the frames
 * @param timeSource where {@code lapTimeMs} comes from
 * @param valid whether the lap counts: the game's verdict when given; otherwise false for out-laps,
 *        partial laps and laps with a frame that the game marked invalid
 * @param outLap the lap began in the pit lane
 * @param inLap the car entered the pit lane during the lap after having been on track
 * @param partial the session's first lap, joined after the car had crossed the line
 * @param sectorTimesMs sector times in track order, or null when unknown
 * @param startedAt timestamp of the lap's first frame (epoch ms), null when no frame was seen
 * @param endedAt timestamp of the lap's last frame (epoch ms), null when no frame was seen
 * @param firstSequence sequence of the lap's first frame, null when no frame was seen
 * @param lastSequence sequence of the lap's last frame, null when no frame was seen
 */
public record Lap(int number, int lapTimeMs, TimeSource timeSource, boolean valid, boolean outLap, boolean inLap,
        boolean partial, @Nullable List<Integer> sectorTimesMs, @Nullable Long startedAt, @Nullable Long endedAt,
        @Nullable Long firstSequence, @Nullable Long lastSequence) {

    /** Where a lap time comes from. */
    public enum TimeSource {
        /** The game's own timing, from a lap-completed message. */
        GAME,
        /** The difference of the timestamps of the lap's first frame and the next lap's first frame. */
        FRAMES
    }

    /** A lap known only from the game's lap-completed message (its frames were never seen). */
    static Lap fromGame(LapCompleted completed) {
        return new Lap(completed.getLapNumber(), completed.getLapTime(), source(completed),
                completed.hasValid() && completed.getValid(), false, false, false, sectors(completed),
                null, null, null, null);
    }

    /** This lap with what the game reported about it, which outranks what the frames said. */
    Lap withGame(LapCompleted completed) {
        return new Lap(number, completed.getLapTime(), source(completed),
                completed.hasValid() ? completed.getValid() : valid, outLap, inLap, partial,
                completed.getSectorTimesCount() > 0 ? sectors(completed) : sectorTimesMs,
                startedAt, endedAt, firstSequence, lastSequence);
    }

    private static TimeSource source(LapCompleted completed) {
        return completed.getTimeFromGame() ? TimeSource.GAME : TimeSource.FRAMES;
    }

    private static @Nullable List<Integer> sectors(LapCompleted completed) {
        return completed.getSectorTimesCount() > 0 ? List.copyOf(completed.getSectorTimesList()) : null;
    }
}
