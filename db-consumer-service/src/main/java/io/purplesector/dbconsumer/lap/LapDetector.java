package io.purplesector.dbconsumer.lap;

import io.purplesector.dbconsumer.frame.Channel;
import io.purplesector.dbconsumer.frame.FrameFields;
import io.purplesector.telemetry.proto.LapCompleted;
import io.purplesector.telemetry.proto.PitState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Finds the laps of one session in its frames, in order, and merges in the game's own lap events.
 *
 * <p>A lap ends when the game's lap counter goes up or, for games that send none (lap number 0),
 * when the normalized track position wraps from near 1 to near 0. A lap-completed message from the
 * collector closes the lap at once, with the game's time; one that arrives after the frames already
 * closed its lap amends that lap. Times without the game's are computed from frame timestamps.
 *
 * <p>Not thread-safe: one detector belongs to one session, which one consumer thread reads.
 */
public final class LapDetector {

    /** Positions beyond this, then before {@link #WRAP_TO}, are a crossing of the line. */
    static final float WRAP_FROM = 0.9f;
    static final float WRAP_TO = 0.1f;

    /** Sector times kept per lap: more than any track has, few enough to store with every batch. */
    static final int MAX_SECTORS = 100;
    /** A session whose first frame is further past the line than this joined its first lap late. */
    static final float START_WINDOW = 0.02f;

    private @Nullable Lap lastClosed;
    private int nextLapNumber;
    private float lastPosition;

    // The open lap, flattened: frames arrive at tens of thousands a second.
    private boolean open;
    private int number;
    private long startedAt;
    private long firstSequence;
    private long lastTimestamp;
    private long lastSequence;
    private boolean framesValid;
    private boolean outLap;
    private boolean inLap;
    private boolean onTrack;
    private boolean partial;
    private int sector;
    private long sectorStartedAt;
    /** At most {@value #MAX_SECTORS}: a frame's sector comes from outside, and the list is stored with the session. */
    private final List<Integer> sectorTimes = new ArrayList<>();

    public LapDetector(LapState state) {
        lastClosed = state.lastClosed();
        nextLapNumber = state.nextLapNumber();
        lastPosition = state.lastPosition();
        LapState.OpenLap lap = state.open();
        if (lap != null) {
            open = true;
            number = lap.number();
            startedAt = lap.startedAt();
            firstSequence = lap.firstSequence();
            lastTimestamp = lap.lastTimestamp();
            lastSequence = lap.lastSequence();
            framesValid = lap.framesValid();
            outLap = lap.outLap();
            inLap = lap.inLap();
            onTrack = lap.onTrack();
            partial = lap.partial();
            sector = lap.sector();
            sectorStartedAt = lap.sectorStartedAt();
            sectorTimes.addAll(lap.sectorTimesMs());
        }
    }

    /**
     * Takes the session's next frame (with its stored sequence number).
     *
     * @param completed receives the lap this frame completes, if any
     */
    public void onFrame(FrameFields frame, long sequence, Consumer<Lap> completed) {
        float position = frame.getFloat(Channel.NORMALIZED_POSITION);
        if (open && crossedLine(frame, position)) {
            int next = frame.getInt(Channel.LAP_NUMBER) > 0 ? frame.getInt(Channel.LAP_NUMBER) : number + 1;
            completed.accept(close(frame.timestamp()));
            startLap(frame, sequence, next, false);
        } else if (!open) {
            boolean firstOfSession = lastClosed == null;
            int lapNumber = frame.getInt(Channel.LAP_NUMBER) > 0 ? frame.getInt(Channel.LAP_NUMBER) : nextLapNumber;
            startLap(frame, sequence, lapNumber, firstOfSession && !inPits(frame) && position > START_WINDOW);
        }
        observe(frame, sequence);
        lastPosition = position;
    }

    /**
     * Takes the game's word that a lap is complete.
     *
     * @param completed receives the lap as stored: newly closed, amended, or known only from the game
     */
    public void onLapCompleted(LapCompleted message, Consumer<Lap> completed) {
        Lap lap;
        if (open && message.getLapNumber() == number) {
            lap = close(lastTimestamp).withGame(message);
        } else if (lastClosed != null && message.getLapNumber() == lastClosed.number()) {
            lap = lastClosed.withGame(message);
        } else {
            lap = Lap.fromGame(message);
            nextLapNumber = Math.max(nextLapNumber, lap.number() + 1);
        }
        lastClosed = lap;
        completed.accept(lap);
    }

    /** What the detector knows, to store with the session. */
    public LapState state() {
        LapState.OpenLap lap = open
                ? new LapState.OpenLap(number, startedAt, firstSequence, lastTimestamp, lastSequence, framesValid,
                        outLap, inLap, onTrack, partial, sector, sectorStartedAt, List.copyOf(sectorTimes))
                : null;
        return new LapState(lap, lastClosed, nextLapNumber, lastPosition);
    }

    private boolean crossedLine(FrameFields frame, float position) {
        if (frame.getInt(Channel.LAP_NUMBER) > 0) {
            return frame.getInt(Channel.LAP_NUMBER) > number;
        }
        return lastPosition >= WRAP_FROM && position <= WRAP_TO;
    }

    private void startLap(FrameFields frame, long sequence, int lapNumber, boolean joinedLate) {
        open = true;
        number = lapNumber;
        nextLapNumber = lapNumber + 1;
        startedAt = frame.timestamp();
        firstSequence = sequence;
        framesValid = true;
        outLap = inPits(frame);
        inLap = false;
        onTrack = false;
        partial = joinedLate;
        sector = frame.getInt(Channel.SECTOR);
        sectorStartedAt = frame.timestamp();
        sectorTimes.clear();
    }

    private void observe(FrameFields frame, long sequence) {
        if (frame.has(Channel.LAP_VALID) && !frame.getBoolean(Channel.LAP_VALID)) {
            framesValid = false;
        }
        if (inPits(frame)) {
            inLap |= onTrack;
        } else if (frame.getInt(Channel.PIT_STATE) == PitState.ON_TRACK_VALUE) {
            onTrack = true;
        }
        if (frame.getInt(Channel.SECTOR) != sector) {
            if (sectorTimes.size() < MAX_SECTORS) {
                sectorTimes.add((int) (frame.timestamp() - sectorStartedAt));
            }
            sector = frame.getInt(Channel.SECTOR);
            sectorStartedAt = frame.timestamp();
        }
        lastTimestamp = frame.timestamp();
        lastSequence = sequence;
    }

    /** Closes the open lap at {@code endTime}: the next lap's first frame, or this lap's last. */
    private Lap close(long endTime) {
        boolean timed = !outLap && !partial;
        List<Integer> sectors = null;
        if (timed && !sectorTimes.isEmpty()) {
            List<Integer> all = new ArrayList<>(sectorTimes);
            all.add((int) (endTime - sectorStartedAt));
            sectors = List.copyOf(all);
        }
        Lap lap = new Lap(number, (int) (endTime - startedAt), Lap.TimeSource.FRAMES, timed && framesValid,
                outLap, inLap, partial, sectors, startedAt, lastTimestamp, firstSequence, lastSequence);
        open = false;
        lastClosed = lap;
        return lap;
    }

    private static boolean inPits(FrameFields frame) {
        return frame.getInt(Channel.PIT_STATE) == PitState.PIT_LANE_VALUE || frame.getInt(Channel.PIT_STATE) == PitState.PIT_BOX_VALUE;
    }
}
