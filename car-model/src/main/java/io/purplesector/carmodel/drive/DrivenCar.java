package io.purplesector.carmodel.drive;

import io.purplesector.carmodel.driver.CarLimits;
import io.purplesector.carmodel.driver.SpeedProfile;
import io.purplesector.carmodel.track.Circuit;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One car lapping a circuit: it leaves its pit box, drives an out-lap, then timed laps that vary
 * a little from one to the next (and now and then one that does not count). Each {@link #step()}
 * advances it by one sample at the drive's rate; everything random comes from the seed, so the
 * same settings give the same drive. Time is session time only: stamping samples with a clock is
 * the caller's business.
 *
 * <p>Not thread-safe: one drive is stepped by one thread at a time.
 */
public final class DrivenCar {

    /**
     * @param seed source of all variation
     * @param rateHz steps per second
     * @param laps laps to drive, the out-lap included; 0 drives until stopped
     */
    public record Settings(long seed, int rateHz, int laps) {

        public Settings {
            if (rateHz < 1 || rateHz > 1000) {
                throw new IllegalArgumentException("A drive runs at 1 to 1000 steps per second, not " + rateHz);
            }
            if (laps < 0) {
                throw new IllegalArgumentException("A drive is 0 (unlimited) or more laps, not " + laps);
            }
        }
    }

    /**
     * What one step gives: the lap that ended in it, if one did, and the car's state after it;
     * no state when the step ended the last lap of the drive.
     */
    public record Step(@Nullable CompletedLap completedLap, @Nullable CarState state) {
    }

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
    private final Car car;
    private final SplittableRandom random;
    private final double dt;
    private final LapTimer timer;

    private long sequence;
    private boolean finished;
    private double distance = PIT_BOX;
    private double speed;
    private SpeedProfile lapProfile;
    private double brakeTemperature = 300;
    private double tyreTemperature = 60;

    public DrivenCar(Settings settings, Circuit circuit, Car car) {
        this.settings = settings;
        this.circuit = circuit;
        this.car = car;
        this.random = new SplittableRandom(settings.seed());
        this.dt = 1.0 / settings.rateHz();
        this.lapProfile = SpeedProfile.of(circuit, car.limits().atPace(OUT_LAP_PACE));
        this.timer = new LapTimer(circuit);
    }

    public Settings settings() {
        return settings;
    }

    public Circuit circuit() {
        return circuit;
    }

    public Car car() {
        return car;
    }

    /** Steps driven so far. */
    public long sequence() {
        return sequence;
    }

    /** The drive has driven its laps, or was stopped. */
    public boolean finished() {
        return finished;
    }

    /** Ends the drive early. */
    public void stop() {
        finished = true;
    }

    /**
     * Advances the car by one sample.
     *
     * @throws IllegalStateException when the drive has finished
     */
    public Step step() {
        if (finished) {
            throw new IllegalStateException("The drive has finished");
        }
        double previousSpeed = speed;
        double lapDistanceBefore = lapDistance();
        distance += speed * dt;
        speed = targetSpeed();
        double acceleration = (speed - previousSpeed) / dt;
        long nowMillis = Math.round((sequence + 1) * dt * 1000);
        CompletedLap completed = null;
        if (lapDistance() < lapDistanceBefore) {
            completed = crossLine(nowMillis);
            if (settings.laps() > 0 && timer.lap() > settings.laps()) {
                finished = true;
                return new Step(completed, null);
            }
        } else {
            timer.moved(lapDistanceBefore, lapDistance(), nowMillis);
        }
        timer.passed(lapDistanceBefore, lapDistance(), nowMillis);
        sequence++;
        return new Step(completed, state(nowMillis, acceleration));
    }

    private double lapDistance() {
        double wrapped = distance % circuit.length();
        return wrapped < 0 ? wrapped + circuit.length() : wrapped;
    }

    private boolean inPitLane() {
        return timer.lap() == 1 && distance < PIT_EXIT;
    }

    private double targetSpeed() {
        double target = lapProfile.speedAt(lapDistance());
        if (inPitLane()) {
            target = Math.min(target, PIT_SPEED_LIMIT);
        }
        // Pulling away: no faster than the car accelerates from standstill.
        double reachable = speed + car.limits().drive() * dt;
        return Math.min(target, reachable);
    }

    /** Each timed lap is driven at its own pace, a little off the limit, and sometimes cut. */
    private CompletedLap crossLine(long nowMillis) {
        int next = timer.lap() + 1;
        double pace = Math.min(1.0, 0.975 + random.nextDouble(-0.008, 0.008) + Math.min(next, 6) * 0.002);
        lapProfile = SpeedProfile.of(circuit, car.limits().atPace(pace));
        double invalidFrom = random.nextDouble() < INVALID_LAP_CHANCE
                ? random.nextDouble(0.1, 0.9) * circuit.length() : Double.MAX_VALUE;
        return timer.completeLap(nowMillis, sequence, invalidFrom);
    }

    private CarState state(long nowMillis, double acceleration) {
        double lapDistance = lapDistance();
        double curvature = circuit.curvatureAt(lapDistance);
        CarLimits limits = car.limits();
        int gear = speed < 0.5 && sequence < settings.rateHz() ? 1 : car.drivetrain().gearFor(speed);
        double rpm = car.drivetrain().rpm(speed, gear);
        double driveLimit = Math.max(0.1, limits.drive() * (1 - Math.pow(speed / limits.topSpeed(), 2)));
        double throttle;
        double brake = 0;
        if (acceleration > COASTING) {
            throttle = clamp(acceleration / driveLimit + random.nextDouble(-0.02, 0.02), 0, 1);
        } else if (acceleration < -COASTING) {
            throttle = 0;
            brake = clamp(-acceleration / limits.braking(), 0, 1);
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
        double height = 2 * Math.sin(2 * Math.PI * lapDistance / circuit.length());
        return new CarState(sequence, nowMillis,
                new CarState.Controls(throttle, brake, steering, speed < 2 ? 1 : 0, gear, rpm, inPitLane()),
                new CarState.Motion(speed, acceleration, lateralG, car.drivetrain().wheelRadius()),
                new CarState.Place(lapDistance, circuit.normalizedPosition(lapDistance), position.x(), height,
                        position.z(), inPitLane()),
                timer.progress(lapDistance, nowMillis),
                new CarState.Condition(brakeTemperature, tyreTemperature, fuel));
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
