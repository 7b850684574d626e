package io.purplesector.collector.demo.session;

import io.purplesector.collector.demo.driver.CarLimits;
import io.purplesector.collector.demo.driver.Drivetrain;
import io.purplesector.collector.demo.driver.SpeedProfile;
import io.purplesector.collector.demo.track.Circuit;
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
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * One car lapping a circuit, as a game would report it: it leaves the pit lane, drives an
 * out-lap, then timed laps that vary a little from one to the next (and now and then one that
 * does not count), and sends the records a collector publishes. Everything random comes from
 * the seed, so the same settings give the same session.
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
            if (rateHz < 1 || rateHz > 1000) {
                throw new IllegalArgumentException("A demo session runs at 1 to 1000 frames per second, not " + rateHz);
            }
            if (laps < 0) {
                throw new IllegalArgumentException("A demo session drives 0 (unlimited) or more laps, not " + laps);
            }
        }
    }

    static final String CAR = "purple_gt3";
    static final String DRIVER = "Demo Driver";
    /** Where the car leaves its pit box, metres after the line, and where the pit lane ends. */
    static final double PIT_BOX = 60;
    static final double PIT_EXIT = 360;
    static final double PIT_SPEED_LIMIT = 80 / 3.6;
    static final double OUT_LAP_PACE = 0.86;
    static final double INVALID_LAP_CHANCE = 0.12;
    static final double FUEL_AT_START = 60;
    static final double FUEL_PER_METRE = 0.0009;
    /** Below this acceleration, m/s², the car is neither driven hard nor braked. */
    private static final double COASTING = 0.3;
    private static final double HOLDING_THROTTLE = 0.3;
    private static final double MAX_STEERING_ANGLE = Math.toRadians(270);
    private static final double STEERING_RATIO = 12;
    private static final double WHEELBASE = 2.7;

    private final Settings settings;
    private final Circuit circuit;
    private final CarLimits car;
    private final Drivetrain drivetrain;
    private final LongSupplier clock;
    private final SplittableRandom random;
    private final long startedAt;
    private final double dt;

    private long sequence;
    private boolean announced;
    private boolean finished;
    private double distance = PIT_BOX;
    private double speed;
    private int lap = 1;
    private long lapStartMillis;
    private SpeedProfile lapProfile;
    private double invalidFrom = Double.MAX_VALUE;
    private final List<Integer> sectorTimes = new ArrayList<>();
    private long sectorStartMillis;
    private int lastLapTime;
    private int bestLapTime;
    private int[] bestLapTimeAtMetre;
    private final int[] lapTimeAtMetre;
    private double brakeTemperature = 300;
    private double tyreTemperature = 60;

    public DemoSession(Settings settings, Circuit circuit, CarLimits car, Drivetrain drivetrain, LongSupplier clock) {
        this.settings = settings;
        this.circuit = circuit;
        this.car = car;
        this.drivetrain = drivetrain;
        this.clock = clock;
        this.random = new SplittableRandom(settings.seed());
        this.startedAt = clock.getAsLong();
        this.dt = 1.0 / settings.rateHz();
        this.lapProfile = SpeedProfile.of(circuit, car.atPace(OUT_LAP_PACE));
        this.lapTimeAtMetre = new int[(int) Math.ceil(circuit.length()) + 1];
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
        long elapsedMillis = Math.round(sequence * dt * 1000);
        double previousSpeed = speed;
        double lapDistanceBefore = lapDistance();
        distance += speed * dt;
        speed = targetSpeed();
        double acceleration = (speed - previousSpeed) / dt;
        long nowMillis = Math.round((sequence + 1) * dt * 1000);
        if (lapDistance() < lapDistanceBefore) {
            records.add(TelemetryRecord.newBuilder().setLapCompleted(completeLap(nowMillis)).build());
            if (settings.laps() > 0 && lap > settings.laps()) {
                records.add(ended(SessionEndReason.FINISHED));
                return records;
            }
        } else {
            recordSectors(lapDistanceBefore, nowMillis);
        }
        recordLapTime(lapDistanceBefore, nowMillis);
        sequence++;
        records.add(TelemetryRecord.newBuilder().setFrame(frame(nowMillis, acceleration)).build());
        return records;
    }

    /** Ends the session early; returns its last record, or nothing when it had already ended. */
    public List<TelemetryRecord> end(SessionEndReason reason) {
        if (finished) {
            return List.of();
        }
        return List.of(ended(reason));
    }

    private double lapDistance() {
        double wrapped = distance % circuit.length();
        return wrapped < 0 ? wrapped + circuit.length() : wrapped;
    }

    private boolean inPitLane() {
        return lap == 1 && distance < PIT_EXIT;
    }

    private double targetSpeed() {
        double target = lapProfile.speedAt(lapDistance());
        if (inPitLane()) {
            target = Math.min(target, PIT_SPEED_LIMIT);
        }
        // Pulling away: no faster than the car accelerates from standstill.
        double reachable = speed + car.drive() * dt;
        return Math.min(target, reachable);
    }

    private LapCompleted completeLap(long nowMillis) {
        int lapTime = (int) (nowMillis - lapStartMillis);
        boolean valid = lap > 1 && invalidFrom == Double.MAX_VALUE;
        sectorTimes.add((int) (nowMillis - sectorStartMillis));
        LapCompleted completed = LapCompleted.newBuilder()
                .setSessionId(settings.sessionId()).setUserId(settings.userId())
                .setLapNumber(lap).setLapTime(lapTime).setTimeFromGame(true).setValid(valid)
                .addAllSectorTimes(lap > 1 ? sectorTimes : List.of())
                .setCompletedAt(clock.getAsLong()).setLastFrameSequence(sequence)
                .build();
        lastLapTime = lapTime;
        if (valid && (bestLapTime == 0 || lapTime < bestLapTime)) {
            bestLapTime = lapTime;
            bestLapTimeAtMetre = Arrays.copyOf(lapTimeAtMetre, lapTimeAtMetre.length);
        }
        lap++;
        lapStartMillis = nowMillis;
        sectorStartMillis = nowMillis;
        sectorTimes.clear();
        startTimedLap();
        return completed;
    }

    /** Each timed lap is driven at its own pace, a little off the limit, and sometimes cut. */
    private void startTimedLap() {
        double pace = Math.min(1.0, 0.975 + random.nextDouble(-0.008, 0.008) + Math.min(lap, 6) * 0.002);
        lapProfile = SpeedProfile.of(circuit, car.atPace(pace));
        invalidFrom = random.nextDouble() < INVALID_LAP_CHANCE
                ? random.nextDouble(0.1, 0.9) * circuit.length() : Double.MAX_VALUE;
        Arrays.fill(lapTimeAtMetre, 0);
    }

    /** Lap time at every metre passed in this step, for the delta to the best lap. */
    private void recordLapTime(double lapDistanceBefore, long nowMillis) {
        int from = lapDistance() < lapDistanceBefore ? 0 : (int) lapDistanceBefore + 1;
        Arrays.fill(lapTimeAtMetre, Math.min(from, (int) lapDistance()), (int) lapDistance() + 1,
                (int) (nowMillis - lapStartMillis));
    }

    private void recordSectors(double lapDistanceBefore, long nowMillis) {
        if (circuit.sectorAt(lapDistance()) != circuit.sectorAt(lapDistanceBefore)) {
            sectorTimes.add((int) (nowMillis - sectorStartMillis));
            sectorStartMillis = nowMillis;
        }
    }

    private TelemetryRecord ended(SessionEndReason reason) {
        finished = true;
        return TelemetryRecord.newBuilder().setSessionEnded(SessionEnded.newBuilder()
                .setSessionId(settings.sessionId()).setUserId(settings.userId())
                .setEndedAt(clock.getAsLong()).setReason(reason).setLastFrameSequence(sequence))
                .build();
    }

    private SessionStarted sessionStarted() {
        return SessionStarted.newBuilder()
                .setSessionId(settings.sessionId()).setUserId(settings.userId())
                .setGame(Game.DEMO).setTrack(circuit.name()).setCar(CAR).setDriver(DRIVER)
                .setSessionType(SessionType.PRACTICE).setStartedAt(startedAt)
                .setTrackLength((float) circuit.length()).setSectorCount(circuit.sectorCount())
                .setSource("collector-demo")
                .build();
    }

    private TelemetryFrame frame(long nowMillis, double acceleration) {
        double lapDistance = lapDistance();
        double curvature = circuit.curvatureAt(lapDistance);
        int gear = speed < 0.5 && sequence < settings.rateHz() ? 1 : drivetrain.gearFor(speed);
        double rpm = drivetrain.rpm(speed, gear);
        double driveLimit = Math.max(0.1, car.drive() * (1 - Math.pow(speed / car.topSpeed(), 2)));
        double throttle;
        double brake = 0;
        if (acceleration > COASTING) {
            throttle = clamp(acceleration / driveLimit + random.nextDouble(-0.02, 0.02), 0, 1);
        } else if (acceleration < -COASTING) {
            throttle = 0;
            brake = clamp(-acceleration / car.braking(), 0, 1);
        } else {
            // Holding speed through a corner or at the pit limiter: a little throttle.
            throttle = HOLDING_THROTTLE + random.nextDouble(-0.02, 0.02);
        }
        double lateralG = -speed * speed * curvature / 9.81;
        double steering = clamp(-Math.atan(WHEELBASE * curvature) * STEERING_RATIO / MAX_STEERING_ANGLE
                + random.nextDouble(-0.01, 0.01), -1, 1);
        brakeTemperature += (brake * 900 - (brakeTemperature - 250) * 0.4) * dt;
        tyreTemperature += ((60 + Math.abs(lateralG) * 25 + speed * 0.2) - tyreTemperature) * 0.05 * dt;
        double fuel = FUEL_AT_START - (distance - PIT_BOX) * FUEL_PER_METRE;
        Circuit.Position position = circuit.positionAt(lapDistance);
        int lapTime = (int) (nowMillis - lapStartMillis);
        TelemetryFrame.Builder frame = TelemetryFrame.newBuilder()
                .setTimestamp(clock.getAsLong())
                .setSpeed((float) (speed * 3.6))
                .setThrottle((float) throttle)
                .setBrake((float) brake)
                .setSteering((float) steering)
                .setGear(gear)
                .setRpm((int) Math.round(rpm))
                .setNormalizedPosition((float) circuit.normalizedPosition(lapDistance))
                .setLapNumber(lap)
                .setLapTime(lapTime)
                .setSessionTime(nowMillis / 1000f)
                .setSessionType(SessionType.PRACTICE_VALUE)
                .setTrackPosition(1)
                .setSessionId(settings.sessionId())
                .setUserId(settings.userId())
                .setSequence(sequence)
                .setClutch(speed < 2 ? 1 : 0)
                .setEngineRpm((float) rpm)
                .setRawGear(gear + 1)
                .setLimiterActive(inPitLane())
                .setWorldX((float) position.x())
                .setWorldY((float) (2 * Math.sin(2 * Math.PI * lapDistance / circuit.length())))
                .setWorldZ((float) position.z())
                .setGLateral((float) lateralG)
                .setGLongitudinal((float) (acceleration / 9.81))
                .setGVertical(1f)
                .setTyrePressure(wheels(26.0 + (tyreTemperature - 60) * 0.04, 0.2))
                .setTyreCoreTemperature(wheels(tyreTemperature, 3))
                .setBrakeTemperature(wheels(brakeTemperature, 40))
                .setWheelSlip(wheels(Math.abs(lateralG) * 0.02 + brake * 0.05, 0.01))
                .setWheelAngularSpeed(wheels(speed / drivetrain.wheelRadius(), 0))
                .setTyreLoad(wheels(3200 + Math.abs(lateralG) * 600, 150))
                .setSuspensionTravel(wheels(0.04 + Math.abs(lateralG) * 0.005, 0.002))
                .setFuel((float) fuel)
                .setAbsEnabled(true).setAbsActive(brake > 0.95)
                .setTcEnabled(true).setTcActive(throttle > 0.98 && gear <= 2)
                .setPitState(inPitLane() ? PitState.PIT_LANE : PitState.ON_TRACK)
                .setFlag(Flag.FLAG_GREEN)
                .setLapValid(lap > 1 && lapDistance < invalidFrom)
                .setSector(circuit.sectorAt(lapDistance))
                .setLastLapTime(lastLapTime)
                .setBestLapTime(bestLapTime);
        if (bestLapTimeAtMetre != null) {
            frame.setDelta(lapTime - bestLapTimeAtMetre[(int) lapDistance]);
        }
        return frame.build();
    }

    private Wheels wheels(double base, double spread) {
        return Wheels.newBuilder()
                .setFrontLeft((float) (base + spread * 0.5))
                .setFrontRight((float) (base + spread))
                .setRearLeft((float) (base - spread * 0.5))
                .setRearRight((float) (base - spread))
                .build();
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
