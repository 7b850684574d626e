package io.purplesector.carmodel.demo;

import io.purplesector.carmodel.drive.Car;
import io.purplesector.carmodel.drive.CarState;
import io.purplesector.carmodel.drive.CompletedLap;
import io.purplesector.carmodel.drive.DrivenCar;
import io.purplesector.carmodel.track.Circuit;
import io.purplesector.telemetry.proto.Flag;
import io.purplesector.telemetry.proto.Game;
import io.purplesector.telemetry.proto.LapCompleted;
import io.purplesector.telemetry.proto.PitState;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.SessionEnded;
import io.purplesector.telemetry.proto.SessionStarted;
import io.purplesector.telemetry.proto.SessionType;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.Wheels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A {@link DrivenCar} as the demo game reports it: the records a collector publishes for it,
 * {@code SessionStarted} first, a frame per step, {@code LapCompleted} as each lap ends and
 * {@code SessionEnded} last.
 *
 * <p>Lap and sector times come from session time (frames are 1/rate apart); timestamps come from
 * the clock, as a game's collector stamps each sample when it takes it: the wall clock for a live
 * session, a clock that follows session time for one driven faster than real time or in tests.
 *
 * <p>Not thread-safe: one session is advanced by one thread at a time.
 */
public final class DemoSession {

    /**
     * @param sessionId the session's id (record key)
     * @param userId the user it belongs to, empty for none
     * @param seed source of all variation
     * @param rateHz frames per second
     * @param laps laps to drive, the out-lap included; 0 drives until stopped
     */
    public record Settings(String sessionId, String userId, long seed, int rateHz, int laps) {

        public Settings {
            drive(seed, rateHz, laps);
        }

        DrivenCar.Settings drive() {
            return drive(seed, rateHz, laps);
        }

        private static DrivenCar.Settings drive(long seed, int rateHz, int laps) {
            return new DrivenCar.Settings(seed, rateHz, laps);
        }
    }

    static final String DRIVER = "Demo Driver";
    static final String SOURCE = "collector-demo";

    private final Settings settings;
    private final DrivenCar car;
    private final LongSupplier clock;
    private final long startedAt;
    private boolean announced;
    private boolean finished;

    public DemoSession(Settings settings, Circuit circuit, Car car, LongSupplier clock) {
        this.settings = settings;
        this.car = new DrivenCar(settings.drive(), circuit, car);
        this.clock = clock;
        this.startedAt = clock.getAsLong();
    }

    public Settings settings() {
        return settings;
    }

    public boolean finished() {
        return finished;
    }

    /** Advances the car by one frame; returns the records that step produced, in order. */
    public List<TelemetryRecord> advance() {
        if (finished) {
            return List.of();
        }
        List<TelemetryRecord> records = new ArrayList<>(3);
        if (!announced) {
            announced = true;
            records.add(TelemetryRecord.newBuilder().setSessionStarted(sessionStarted()).build());
        }
        DrivenCar.Step step = car.step();
        if (step.completedLap() != null) {
            records.add(TelemetryRecord.newBuilder().setLapCompleted(lapCompleted(step.completedLap())).build());
        }
        if (step.state() == null) {
            records.add(ended(SessionEndReason.FINISHED));
        } else {
            records.add(TelemetryRecord.newBuilder().setFrame(frame(step.state())).build());
        }
        return records;
    }

    /** Ends the session early; returns its last record, or nothing when it had already ended. */
    public List<TelemetryRecord> end(SessionEndReason reason) {
        if (finished) {
            return List.of();
        }
        car.stop();
        return List.of(ended(reason));
    }

    private LapCompleted lapCompleted(CompletedLap lap) {
        return LapCompleted.newBuilder()
                .setSessionId(settings.sessionId()).setUserId(settings.userId())
                .setLapNumber(lap.number()).setLapTime(lap.timeMillis()).setTimeFromGame(true).setValid(lap.valid())
                .addAllSectorTimes(lap.sectorTimes())
                .setCompletedAt(clock.getAsLong()).setLastFrameSequence(lap.lastSequence())
                .build();
    }

    private TelemetryRecord ended(SessionEndReason reason) {
        finished = true;
        return TelemetryRecord.newBuilder().setSessionEnded(SessionEnded.newBuilder()
                .setSessionId(settings.sessionId()).setUserId(settings.userId())
                .setEndedAt(clock.getAsLong()).setReason(reason).setLastFrameSequence(car.sequence()))
                .build();
    }

    private SessionStarted sessionStarted() {
        Circuit circuit = car.circuit();
        return SessionStarted.newBuilder()
                .setSessionId(settings.sessionId()).setUserId(settings.userId())
                .setGame(Game.DEMO).setTrack(circuit.name()).setCar(car.car().name()).setDriver(DRIVER)
                .setSessionType(SessionType.PRACTICE).setStartedAt(startedAt)
                .setTrackLength((float) circuit.length()).setSectorCount(circuit.sectorCount())
                .setSource(SOURCE)
                .build();
    }

    private TelemetryFrame frame(CarState state) {
        CarState.Controls controls = state.controls();
        CarState.Motion motion = state.motion();
        CarState.Place place = state.place();
        CarState.LapProgress lap = state.lap();
        CarState.Condition condition = state.condition();
        double lateralG = motion.lateralG();
        double speed = motion.speed();
        TelemetryFrame.Builder frame = TelemetryFrame.newBuilder()
                .setTimestamp(clock.getAsLong())
                .setSpeed((float) (speed * 3.6))
                .setThrottle((float) controls.throttle())
                .setBrake((float) controls.brake())
                .setSteering((float) controls.steering())
                .setGear(controls.gear())
                .setRpm((int) Math.round(controls.rpm()))
                .setNormalizedPosition((float) place.normalizedPosition())
                .setLapNumber(lap.number())
                .setLapTime(lap.timeMillis())
                .setSessionTime(state.sessionMillis() / 1000f)
                .setSessionType(SessionType.PRACTICE_VALUE)
                .setTrackPosition(1)
                .setSessionId(settings.sessionId())
                .setUserId(settings.userId())
                .setSequence(state.sequence())
                .setClutch((float) controls.clutch())
                .setEngineRpm((float) controls.rpm())
                .setRawGear(controls.gear() + 1)
                .setLimiterActive(controls.limiterActive())
                .setWorldX((float) place.x())
                .setWorldY((float) place.y())
                .setWorldZ((float) place.z())
                .setGLateral((float) lateralG)
                .setGLongitudinal((float) motion.longitudinalG())
                .setGVertical(1f)
                .setTyrePressure(wheels(26.0 + (condition.tyreTemperature() - 60) * 0.04, 0.2))
                .setTyreCoreTemperature(wheels(condition.tyreTemperature(), 3))
                .setBrakeTemperature(wheels(condition.brakeTemperature(), 40))
                .setWheelSlip(wheels(Math.abs(lateralG) * 0.02 + controls.brake() * 0.05, 0.01))
                .setWheelAngularSpeed(wheels(speed / motion.wheelRadius(), 0))
                .setTyreLoad(wheels(3200 + Math.abs(lateralG) * 600, 150))
                .setSuspensionTravel(wheels(0.04 + Math.abs(lateralG) * 0.005, 0.002))
                .setFuel((float) condition.fuel())
                .setAbsEnabled(true).setAbsActive(controls.brake() > 0.95)
                .setTcEnabled(true).setTcActive(controls.throttle() > 0.98 && controls.gear() <= 2)
                .setPitState(place.inPitLane() ? PitState.PIT_LANE : PitState.ON_TRACK)
                .setFlag(Flag.FLAG_GREEN)
                .setLapValid(lap.valid())
                .setSector(lap.sector())
                .setLastLapTime(lap.lastLapMillis())
                .setBestLapTime(lap.bestLapMillis());
        lap.deltaMillis().ifPresent(frame::setDelta);
        return frame.build();
    }

    private static Wheels wheels(double base, double spread) {
        return Wheels.newBuilder()
                .setFrontLeft((float) (base + spread * 0.5))
                .setFrontRight((float) (base + spread))
                .setRearLeft((float) (base - spread * 0.5))
                .setRearRight((float) (base - spread))
                .build();
    }
}
