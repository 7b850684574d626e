package io.purplesector.collector.ac.simulator;

import io.purplesector.carmodel.drive.CarState;
import io.purplesector.carmodel.drive.CompletedLap;
import io.purplesector.carmodel.drive.DrivenCar;
import io.purplesector.collector.ac.protocol.CarInfo;
import io.purplesector.collector.ac.protocol.LapEvent;
import io.purplesector.collector.ac.protocol.Wheels;

/**
 * The shared car model driven round its circuit, seen through Assetto Corsa's eyes: each step is
 * what the game would send, a car-info datagram and, at the end of a lap, a lap event. Same seed,
 * same drive.
 */
final class SimulatedCar {

    /** What one step of the car gives: its car info, and the lap event when a lap just ended. */
    record Step(CarInfo car, LapEvent lap) {
    }

    /** AC reports the steering wheel's angle: the model's -1..1 input over a 450-degree lock. */
    private static final float STEERING_LOCK_DEGREES = 450f;

    private final AcSimulator.Settings settings;
    private final DrivenCar drive;
    private int completedLaps;

    SimulatedCar(AcSimulator.Settings settings) {
        this.settings = settings;
        this.drive = new DrivenCar(new DrivenCar.Settings(settings.seed(), settings.rateHz(), settings.laps()),
                AcSimulator.CIRCUIT, AcSimulator.CAR);
    }

    boolean finished() {
        return drive.finished();
    }

    /** The next physics step; no car info when it ended the drive's last lap. */
    Step advance() {
        DrivenCar.Step step = drive.step();
        LapEvent lap = null;
        CompletedLap completed = step.completedLap();
        if (completed != null) {
            completedLaps = completed.number();
            lap = new LapEvent(0, completedLaps, settings.driver(), AcSimulator.CAR.name(), completed.timeMillis());
        }
        return new Step(step.state() == null ? null : carInfo(step.state()), lap);
    }

    private CarInfo carInfo(CarState state) {
        CarState.Controls controls = state.controls();
        CarState.Motion motion = state.motion();
        float speedMs = (float) motion.speed();
        float speedKmh = speedMs * 3.6f;
        float lateral = (float) motion.lateralG();
        float longitudinal = (float) motion.longitudinalG();
        float throttle = (float) controls.throttle();
        float brake = (float) controls.brake();
        float wheelSpeed = (float) (motion.speed() / motion.wheelRadius());
        Wheels angular = new Wheels(wheelSpeed, wheelSpeed, wheelSpeed, wheelSpeed);
        Wheels radius = new Wheels(0.33f, 0.33f, 0.335f, 0.335f);
        float frontLoad = 3200 - 400 * longitudinal;
        float rearLoad = 3600 + 400 * longitudinal;
        Wheels load = new Wheels(frontLoad + 300 * lateral, frontLoad - 300 * lateral,
                rearLoad + 300 * lateral, rearLoad - 300 * lateral);
        Wheels slip = new Wheels(0.02f * brake, 0.02f * brake, 0.05f * throttle, 0.05f * throttle);
        Wheels slipAngle = new Wheels(2.5f * lateral, 2.5f * lateral, 2f * lateral, 2f * lateral);
        Wheels contactPatch = new Wheels(2.2f * lateral, 2.2f * lateral, 1.8f * lateral, 1.8f * lateral);
        Wheels normalizedSlip = new Wheels(Math.abs(lateral) / 1.6f, Math.abs(lateral) / 1.6f,
                Math.abs(lateral) / 1.5f, Math.abs(lateral) / 1.5f);
        Wheels grip = new Wheels(1.45f - 0.05f * Math.abs(lateral), 1.45f - 0.05f * Math.abs(lateral), 1.4f, 1.4f);
        Wheels torque = new Wheels(45 * lateral, 45 * lateral, 20 * lateral, 20 * lateral);
        CarState.LapProgress lap = state.lap();
        CarState.Place place = state.place();
        return CarInfo.builder()
                .speedKmh(speedKmh).speedMph(speedKmh / 1.609344f).speedMs(speedMs)
                .absEnabled(true).absInAction(brake > 0.9f).tcInAction(throttle > 0.95f && controls.gear() <= 2)
                .tcEnabled(true).engineLimiterOn(controls.rpm() >= 7800)
                .accGVertical(1f).accGHorizontal(lateral).accGFrontal(longitudinal)
                .lapTimeMillis(lap.timeMillis()).lastLapMillis(lap.lastLapMillis()).bestLapMillis(lap.bestLapMillis())
                .lapCount(completedLaps)
                .gas(throttle).brake(brake).clutch((float) controls.clutch()).engineRpm((float) controls.rpm())
                .steer((float) controls.steering() * STEERING_LOCK_DEGREES / 2).rawGear(controls.gear() + 1)
                .cgHeight(0.38f)
                .wheelAngularSpeed(angular).slipAngle(slipAngle).slipAngleContactPatch(contactPatch).slipRatio(slip)
                .tyreSlip(slip).ndSlip(normalizedSlip).load(load).dy(grip).mz(torque).tyreDirtyLevel(Wheels.ZERO)
                .camberRad(new Wheels(-0.05f, -0.05f, -0.03f, -0.03f)).tyreRadius(radius)
                .tyreLoadedRadius(new Wheels(0.326f, 0.326f, 0.331f, 0.331f))
                .suspensionHeight(new Wheels(0.06f, 0.06f, 0.07f, 0.07f))
                .carPositionNormalized((float) place.normalizedPosition()).carSlope(0.01f * longitudinal)
                .worldX((float) place.x()).worldY((float) place.y()).worldZ((float) place.z())
                .build();
    }
}
