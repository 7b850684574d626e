package io.purplesector.collector.acc.session;

import io.purplesector.collector.plausibility.Plausibility;
import io.purplesector.telemetry.proto.Game;
import io.purplesector.telemetry.proto.LapCompleted;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.SessionEnded;
import io.purplesector.telemetry.proto.SessionStarted;
import io.purplesector.telemetry.proto.SessionType;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One session of the game, from its start to its end: says what it is (again when a source tells
 * more, as the schema allows), numbers the frames and reports each lap once.
 */
final class AccSession {

    private static final int LAPS_REMEMBERED = 4;

    private final String id;
    private final String userId;
    private final SessionType type;
    private final int index;
    private final long startedAt;
    private final Consumer<TelemetryRecord> out;
    private @Nullable SessionDescription described;
    private long sequence;
    private int lapCounter = -1;
    private boolean runningLapValid = true;
    private int lastLapReported = -1;
    /**
     * The last frame's sequence of the latest laps driven: broadcasting may tell of a lap's end
     * after the pages' first frames of the next lap went out.
     */
    private final Map<Integer, Long> lastFrameOfLap = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Long> eldest) {
            return size() > LAPS_REMEMBERED;
        }
    };

    AccSession(String id, String userId, SessionType type, int index, long startedAt, Consumer<TelemetryRecord> out) {
        this.id = id;
        this.userId = userId;
        this.type = type;
        this.index = index;
        this.startedAt = startedAt;
        this.out = out;
    }

    String id() {
        return id;
    }

    SessionType type() {
        return type;
    }

    /** Whether the game's session of this type and index is this one. */
    boolean is(SessionType otherType, int otherIndex) {
        return type == otherType && index == otherIndex;
    }

    /** Publishes what the session is, the first time and whenever that changes. */
    void learn(SessionDescription description) {
        if (description.equals(described)) {
            return;
        }
        described = description;
        out.accept(TelemetryRecord.newBuilder().setSessionStarted(SessionStarted.newBuilder()
                .setSessionId(id).setUserId(userId).setGame(Game.ASSETTO_CORSA_COMPETIZIONE)
                .setTrack(description.track()).setCar(description.car()).setDriver(description.driver())
                .setSessionType(description.type()).setStartedAt(startedAt)
                .setTrackLength(description.trackMeters()).setSectorCount(description.sectorCount())
                .setSource(AccSessions.SOURCE)).build());
    }

    void frame(TelemetryFrame.Builder frame, long at) {
        sequence++;
        lastFrameOfLap.put(frame.getLapNumber(), sequence);
        out.accept(TelemetryRecord.newBuilder().setFrame(frame.setTimestamp(at).setSessionId(id).setUserId(userId)
                .setSequence(sequence)).build());
    }

    /**
     * The graphics page's lap counter: a lap is complete when it moves, with the page's last lap
     * time and the validity the page showed while the lap ran. Followed on every page, so that it
     * is current when it has to {@code report} (when broadcasting does not). Laps completed before
     * the collector joined are not reported.
     */
    void onLapCounter(int completedLaps, int lastLapMs, boolean validNow, boolean report, long at) {
        if (lapCounter < 0) {
            lastLapReported = Math.max(lastLapReported, completedLaps);
        } else if (completedLaps > lapCounter && report) {
            lapCompleted(completedLaps, Frames.time(lastLapMs), List.of(), runningLapValid, at);
        }
        lapCounter = completedLaps;
        runningLapValid = validNow;
    }

    /** Lap {@code number} is done (ACC counts completed laps), unless reported already or absurd. */
    void lapCompleted(int number, int lapTimeMs, List<Integer> splitsMs, boolean valid, long at) {
        if (number <= lastLapReported || !Plausibility.plausibleLap(number, lapTimeMs)) {
            return;
        }
        lastLapReported = number;
        out.accept(TelemetryRecord.newBuilder().setLapCompleted(LapCompleted.newBuilder()
                .setSessionId(id).setUserId(userId).setLapNumber(number).setLapTime(lapTimeMs)
                .setTimeFromGame(true).setValid(valid).addAllSectorTimes(splitsMs).setCompletedAt(at)
                .setLastFrameSequence(lastFrameOfLap.getOrDefault(number, sequence))).build());
    }

    void end(SessionEndReason reason, long at) {
        out.accept(TelemetryRecord.newBuilder().setSessionEnded(SessionEnded.newBuilder()
                .setSessionId(id).setUserId(userId).setEndedAt(at).setReason(reason)
                .setLastFrameSequence(sequence)).build());
    }
}
