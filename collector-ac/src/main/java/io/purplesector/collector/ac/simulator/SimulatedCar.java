package io.purplesector.collector.ac.simulator;

import io.purplesector.collector.ac.protocol.CarInfo;
import io.purplesector.collector.ac.protocol.LapEvent;
import io.purplesector.collector.ac.protocol.Wheels;
import io.purplesector.collector.demo.driver.CarLimits;
import io.purplesector.collector.demo.driver.Drivetrain;
import io.purplesector.collector.demo.session.DemoSession;
import io.purplesector.collector.demo.track.Circuits;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A car driven round collector-demo's circuit by its driver model, seen through Assetto Corsa's
 * eyes: each step is what the game would send, a car-info datagram and, at the end of a lap, a
 * lap event. Same seed, same drive.
 */
final class SimulatedCar {

    /** What one step of the car gives: its car info, and the lap event when a lap just ended. */
    record Step(CarInfo car, LapEvent lap) {
    }

    /** AC reports the steering wheel's angle: the demo's -1..1 input over a 450-degree lock. */
    private static final float STEERING_LOCK_DEGREES = 450f;

    private final AcSimulator.Settings settings;
    private final DemoSession drive;
    private int completedLaps;
    private int lastLapMillis;
    private int bestLapMillis;

    SimulatedCar(AcSimulator.Settings settings, LongSupplier clock) {
        this.settings = settings;
        this.drive = new DemoSession(new DemoSession.Settings("simulated", "", settings.seed(), settings.rateHz(),
                settings.laps()), Circuits.PURPLE_PARK, CarLimits.GT3, Drivetrain.GT3, clock);
    }

    boolean finished() {
        return drive.finished();
    }

    /** The next physics step, or none when the drive is over. */
    List<Step> advance() {
        List<Step> steps = new ArrayList<>(1);
        LapEvent lap = null;
        for (TelemetryRecord record : drive.advance()) {
            if (record.hasLapCompleted()) {
                completedLaps = record.getLapCompleted().getLapNumber();
                lastLapMillis = record.getLapCompleted().getLapTime();
                bestLapMillis = bestLapMillis == 0 ? lastLapMillis : Math.min(bestLapMillis, lastLapMillis);
                lap = new LapEvent(0, completedLaps, settings.driver(), settings.car(), lastLapMillis);
            } else if (record.hasFrame()) {
                steps.add(new Step(carInfo(record.getFrame()), null));
            }
        }
        if (lap != null && !steps.isEmpty()) {
            steps.set(steps.size() - 1, new Step(steps.get(steps.size() - 1).car(), lap));
        }
        return steps;
    }

    private CarInfo carInfo(TelemetryFrame frame) {
        float speedMs = frame.getSpeed() / 3.6f;
        float wheelSpeed = speedMs / 0.33f;
        Wheels angular = new Wheels(wheelSpeed, wheelSpeed, wheelSpeed, wheelSpeed);
        Wheels radius = new Wheels(0.33f, 0.33f, 0.335f, 0.335f);
        float frontLoad = 3200 - 400 * frame.getGLongitudinal();
        float rearLoad = 3600 + 400 * frame.getGLongitudinal();
        Wheels load = new Wheels(frontLoad + 300 * frame.getGLateral(), frontLoad - 300 * frame.getGLateral(),
                rearLoad + 300 * frame.getGLateral(), rearLoad - 300 * frame.getGLateral());
        Wheels slip = new Wheels(0.02f * frame.getBrake(), 0.02f * frame.getBrake(), 0.05f * frame.getThrottle(),
                0.05f * frame.getThrottle());
        float lateral = frame.getGLateral();
        Wheels slipAngle = new Wheels(2.5f * lateral, 2.5f * lateral, 2f * lateral, 2f * lateral);
        Wheels contactPatch = new Wheels(2.2f * lateral, 2.2f * lateral, 1.8f * lateral, 1.8f * lateral);
        Wheels normalizedSlip = new Wheels(Math.abs(lateral) / 1.6f, Math.abs(lateral) / 1.6f,
                Math.abs(lateral) / 1.5f, Math.abs(lateral) / 1.5f);
        Wheels grip = new Wheels(1.45f - 0.05f * Math.abs(lateral), 1.45f - 0.05f * Math.abs(lateral), 1.4f, 1.4f);
        Wheels torque = new Wheels(45 * lateral, 45 * lateral, 20 * lateral, 20 * lateral);
        return new CarInfo(frame.getSpeed(), frame.getSpeed() / 1.609344f, speedMs,
                true, frame.getBrake() > 0.9f, frame.getThrottle() > 0.95f && frame.getGear() <= 2, true, false,
                frame.getRpm() >= 7800,
                frame.getGVertical(), frame.getGLateral(), frame.getGLongitudinal(),
                frame.getLapTime(), lastLapMillis, bestLapMillis, completedLaps,
                frame.getThrottle(), frame.getBrake(), frame.getClutch(), frame.getRpm(),
                frame.getSteering() * STEERING_LOCK_DEGREES / 2, frame.getGear() + 1, 0.38f,
                angular, slipAngle, contactPatch, slip, slip, normalizedSlip, load, grip, torque, Wheels.ZERO,
                new Wheels(-0.05f, -0.05f, -0.03f, -0.03f), radius,
                new Wheels(0.326f, 0.326f, 0.331f, 0.331f), new Wheels(0.06f, 0.06f, 0.07f, 0.07f),
                frame.getNormalizedPosition(), 0.01f * frame.getGLongitudinal(), frame.getWorldX(), frame.getWorldY(),
                frame.getWorldZ());
    }
}
