package io.purplesector.collector.ac.session;

import io.purplesector.collector.ac.protocol.CarInfo;
import io.purplesector.collector.ac.protocol.HandshakeResponse;
import io.purplesector.collector.ac.protocol.LapEvent;
import io.purplesector.collector.plausibility.Plausibility;
import io.purplesector.telemetry.proto.Game;
import io.purplesector.telemetry.proto.LapCompleted;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.SessionEnded;
import io.purplesector.telemetry.proto.SessionStarted;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One session with the game, from its handshake to its end: numbers the frames, applies the
 * rate cap, and reports each completed lap once, from the game's lap counter or its lap event,
 * whichever comes first, with the game's own lap time. Nothing is published until the first car
 * data: a handshake the game answered but never followed with data is no session.
 */
final class AcSession {

    private final String id;
    private final String userId;
    private final HandshakeResponse game;
    private final long frameIntervalMillis;
    private final Consumer<TelemetryRecord> out;
    private final long handshakeAt;
    private boolean started;
    private long sequence;
    private long nextFrameDue = Long.MIN_VALUE;
    private int lapCount = -1;
    private int lastLapReported = -1;

    AcSession(String id, String userId, HandshakeResponse game, long handshakeAt, int maxRateHz,
            Consumer<TelemetryRecord> out) {
        this.id = id;
        this.handshakeAt = handshakeAt;
        this.userId = userId;
        this.game = game;
        this.frameIntervalMillis = maxRateHz > 0 ? Math.max(1, 1000 / maxRateHz) : 0;
        this.out = out;
    }

    String id() {
        return id;
    }

    private void start() {
        started = true;
        out.accept(TelemetryRecord.newBuilder().setSessionStarted(SessionStarted.newBuilder()
                .setSessionId(id).setUserId(userId).setGame(Game.ASSETTO_CORSA)
                .setTrack(game.trackName()).setTrackConfiguration(game.trackConfig())
                .setCar(game.carName()).setDriver(game.driverName())
                .setStartedAt(handshakeAt).setSource(AcSessions.SOURCE)).build());
    }

    /**
     * Takes the car's data: publishes it as a frame when one is due, and reports a lap the
     * counter says is complete.
     *
     * @return the channel outside {@link Plausibility}'s ranges, when the data was dropped for it
     */
    Optional<Plausibility.Channel> onCarInfo(CarInfo car, long at) {
        TelemetryFrame frame = FrameMapper.frame(car, id, userId, sequence + 1, at);
        Optional<Plausibility.Channel> implausible = Plausibility.implausible(frame);
        if (implausible.isPresent()) {
            // Before anything is counted from it: an absurd lap count must not become a lap.
            return implausible;
        }
        if (!started) {
            start();
        }
        boolean newLap = lapCount >= 0 && car.lapCount() > lapCount;
        if (lapCount < 0) {
            // Laps completed before the collector joined are not this session's to report.
            lastLapReported = Math.max(lastLapReported, car.lapCount());
        } else if (newLap) {
            lapCompleted(car.lapCount(), car.lastLapMillis(), at);
        }
        boolean lapChanged = car.lapCount() != lapCount;
        lapCount = car.lapCount();
        if (frameIntervalMillis > 0 && !lapChanged && at < nextFrameDue) {
            return Optional.empty();
        }
        // Due times advance by the interval, so that a 333 Hz stream capped at 100 Hz gives 100 Hz.
        nextFrameDue = nextFrameDue == Long.MIN_VALUE || at >= nextFrameDue + frameIntervalMillis
                ? at + frameIntervalMillis : nextFrameDue + frameIntervalMillis;
        sequence++;
        out.accept(TelemetryRecord.newBuilder().setFrame(frame).build());
        return Optional.empty();
    }

    /**
     * The game reports every car's laps; only this driver's car counts.
     *
     * @return false when the lap's number or time is outside {@link Plausibility}'s ranges
     */
    boolean onLapEvent(LapEvent lap, long at) {
        if (!Plausibility.plausibleLap(lap.lap(), lap.timeMillis())) {
            return false;
        }
        if (started && lap.driverName().equals(game.driverName()) && lap.carName().equals(game.carName())) {
            lapCompleted(lap.lap(), lap.timeMillis(), at);
        }
        return true;
    }

    void end(SessionEndReason reason, long at) {
        if (!started) {
            return;
        }
        out.accept(TelemetryRecord.newBuilder().setSessionEnded(SessionEnded.newBuilder()
                .setSessionId(id).setUserId(userId).setEndedAt(at).setReason(reason)
                .setLastFrameSequence(sequence)).build());
    }

    /** Lap {@code completedLaps} is done (AC counts completed laps), unless it was reported already. */
    private void lapCompleted(int completedLaps, int lapTimeMillis, long at) {
        // A lap whose number or time is outside the ranges (none, 0 ms, days) never becomes a LapCompleted.
        if (completedLaps <= lastLapReported || !Plausibility.plausibleLap(completedLaps, lapTimeMillis)) {
            return;
        }
        lastLapReported = completedLaps;
        out.accept(TelemetryRecord.newBuilder().setLapCompleted(LapCompleted.newBuilder()
                .setSessionId(id).setUserId(userId).setLapNumber(completedLaps).setLapTime(lapTimeMillis)
                .setTimeFromGame(true).setCompletedAt(at).setLastFrameSequence(sequence)).build());
    }
}
