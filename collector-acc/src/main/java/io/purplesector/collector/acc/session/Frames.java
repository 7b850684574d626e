package io.purplesector.collector.acc.session;

import io.purplesector.collector.acc.protocol.InboundMessage.RealtimeCarUpdate;
import io.purplesector.collector.acc.protocol.InboundMessage.RealtimeUpdate;
import io.purplesector.collector.acc.protocol.LapInfo;
import io.purplesector.collector.acc.sharedmemory.GraphicsPage;
import io.purplesector.collector.acc.sharedmemory.PhysicsPage;
import io.purplesector.collector.acc.sharedmemory.Vector3;
import io.purplesector.telemetry.proto.Flag;
import io.purplesector.telemetry.proto.PitState;
import io.purplesector.telemetry.proto.SessionType;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.Wheels;
import org.jspecify.annotations.Nullable;

/**
 * ACC's values in the shared schema's terms (see telemetry.proto): a frame from the pages, the
 * timing of broadcasting laid over it, or a frame from broadcasting alone; and the two sources'
 * numberings of session types and flags.
 */
final class Frames {

    private Frames() {
    }

    /**
     * The player's car from the pages: the physics page's channels, the graphics page's lap,
     * timing and position on the map.
     */
    static TelemetryFrame.Builder fromPages(PhysicsPage physics, GraphicsPage graphics) {
        Vector3 world = graphics.playerPosition().orElse(new Vector3(0, 0, 0));
        return TelemetryFrame.newBuilder()
                .setSpeed(physics.speedKmh())
                .setThrottle(physics.gas())
                .setBrake(physics.brake())
                .setClutch(physics.clutch())
                .setSteering(physics.steerAngle())
                .setGear(physics.gear())
                .setRawGear(physics.rawGear())
                .setRpm(physics.rpm())
                .setEngineRpm(physics.rpm())
                .setFuel(physics.fuel())
                .setGLateral(physics.accG().x())
                .setGVertical(physics.accG().y())
                .setGLongitudinal(physics.accG().z())
                .setTyrePressure(wheels(physics.tyrePressure()))
                .setTyreCoreTemperature(wheels(physics.tyreCoreTemperature()))
                .setBrakeTemperature(wheels(physics.brakeTemperature()))
                .setWheelSlip(wheels(physics.wheelSlip()))
                .setWheelAngularSpeed(wheels(physics.wheelAngularSpeed()))
                .setSuspensionTravel(wheels(physics.suspensionTravel()))
                .setSlipRatio(wheels(physics.slipRatio()))
                .setSlipAngle(wheels(physics.slipAngle()))
                .setAbsEnabled(graphics.absLevel() > 0)
                .setAbsActive(physics.absActive() > 0)
                .setTcEnabled(graphics.tcLevel() > 0)
                .setTcActive(physics.tcActive() > 0)
                .setNormalizedPosition(graphics.normalizedCarPosition())
                .setLapNumber(graphics.completedLaps() + 1)
                .setLapTime(time(graphics.currentLapMs()))
                .setLastLapTime(time(graphics.lastLapMs()))
                .setBestLapTime(time(graphics.bestLapMs()))
                .setLapValid(graphics.validLap())
                .setSector(graphics.currentSectorIndex())
                .setSessionType(sessionTypeOfPages(graphics.sessionType()).getNumber())
                .setTrackPosition(graphics.position())
                .setDelta(graphics.deltaLapMs())
                .setFlag(flag(graphics.flag()))
                .setPitState(graphics.inPit() ? PitState.PIT_BOX
                        : graphics.inPitLane() ? PitState.PIT_LANE : PitState.ON_TRACK)
                .setWorldX(world.x())
                .setWorldY(world.y())
                .setWorldZ(world.z());
    }

    /** Broadcasting's word on the car's session, race position, delta and lap, over a frame. */
    static TelemetryFrame.Builder withTiming(TelemetryFrame.Builder frame, RealtimeCarUpdate car,
            @Nullable RealtimeUpdate session) {
        frame.setTrackPosition(car.position())
                .setDelta(car.deltaMs())
                .setLapNumber(car.laps() + 1)
                .setLapValid(!car.currentLap().invalid());
        if (session != null) {
            frame.setSessionTime(session.sessionTimeMs() / 1000f)
                    .setSessionType(sessionTypeOfBroadcasting(session.sessionType()).getNumber());
        }
        return frame;
    }

    /**
     * A car from broadcasting alone, at its update interval: what broadcasting says of every
     * car. Its world position is two-dimensional; the second coordinate is the map's other axis,
     * {@code world_z} as in the pages (where {@code world_y} is height).
     */
    static TelemetryFrame.Builder fromBroadcasting(RealtimeCarUpdate car, @Nullable RealtimeUpdate session) {
        TelemetryFrame.Builder frame = TelemetryFrame.newBuilder()
                .setSpeed(car.kmh())
                .setGear(car.gear())
                .setRawGear(car.rawGear())
                .setNormalizedPosition(car.splinePosition())
                .setLapTime(time(car.currentLap().lapTimeMs()))
                .setLastLapTime(time(car.lastLap().lapTimeMs()))
                .setBestLapTime(time(car.bestSessionLap().lapTimeMs()))
                .setPitState(pitState(car.carLocation()))
                .setWorldX(car.worldX())
                .setWorldZ(car.worldY());
        return withTiming(frame, car, session);
    }

    /** Broadcasting's CarLocation (B.6): on track, or pit lane, entry or exit; none is unknown. */
    static PitState pitState(int carLocation) {
        return carLocation == 1 ? PitState.ON_TRACK
                : carLocation >= 2 && carLocation <= 4 ? PitState.PIT_LANE : PitState.PIT_STATE_UNKNOWN;
    }

    /** ACC_SESSION_TYPE of the graphics page (C.5). */
    static SessionType sessionTypeOfPages(int type) {
        return switch (type) {
            case 0 -> SessionType.PRACTICE;
            case 1 -> SessionType.QUALIFYING;
            case 2 -> SessionType.RACE;
            case 3 -> SessionType.HOTLAP;
            case 4 -> SessionType.TIME_ATTACK;
            case 5 -> SessionType.DRIFT;
            case 6 -> SessionType.DRAG;
            case 7 -> SessionType.HOTSTINT;
            case 8 -> SessionType.HOTSTINT_SUPERPOLE;
            default -> SessionType.SESSION_TYPE_UNKNOWN;
        };
    }

    /** RaceSessionType of broadcasting (B.6), numbered otherwise than the pages'. */
    static SessionType sessionTypeOfBroadcasting(int type) {
        return switch (type) {
            case 0 -> SessionType.PRACTICE;
            case 4, 9 -> SessionType.QUALIFYING;
            case 10 -> SessionType.RACE;
            case 11 -> SessionType.HOTLAP;
            case 12 -> SessionType.HOTSTINT;
            case 13 -> SessionType.HOTSTINT_SUPERPOLE;
            default -> SessionType.SESSION_TYPE_UNKNOWN;
        };
    }

    /** ACC_FLAG_TYPE (C.5). */
    static Flag flag(int flag) {
        return switch (flag) {
            case 1 -> Flag.FLAG_BLUE;
            case 2 -> Flag.FLAG_YELLOW;
            case 3 -> Flag.FLAG_BLACK;
            case 4 -> Flag.FLAG_WHITE;
            case 5 -> Flag.FLAG_CHECKERED;
            case 6 -> Flag.FLAG_PENALTY;
            case 7 -> Flag.FLAG_GREEN;
            case 8 -> Flag.FLAG_ORANGE;
            default -> Flag.FLAG_NONE;
        };
    }

    /** A lap time, 0 for ACC's "no time" (INT32_MAX, B.5; the pages use it too). */
    static int time(int millis) {
        return millis == LapInfo.NO_TIME ? 0 : millis;
    }

    private static Wheels wheels(io.purplesector.collector.acc.sharedmemory.Wheels wheels) {
        return Wheels.newBuilder().setFrontLeft(wheels.frontLeft()).setFrontRight(wheels.frontRight())
                .setRearLeft(wheels.rearLeft()).setRearRight(wheels.rearRight()).build();
    }
}
