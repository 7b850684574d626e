package io.purplesector.collector.ac.session;

import io.purplesector.collector.ac.protocol.CarInfo;
import io.purplesector.telemetry.proto.PitState;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.Wheels;

/** Every channel of a car-info datagram in the shared schema's terms (see telemetry.proto). */
final class FrameMapper {

    private FrameMapper() {
    }

    static TelemetryFrame frame(CarInfo car, String sessionId, String userId, long sequence, long timestamp) {
        return TelemetryFrame.newBuilder()
                .setTimestamp(timestamp)
                .setSessionId(sessionId)
                .setUserId(userId)
                .setSequence(sequence)
                .setSpeed(car.speedKmh())
                .setThrottle(car.gas())
                .setBrake(car.brake())
                .setClutch(car.clutch())
                .setSteering(car.steer())
                .setGear(car.gear())
                .setRawGear(car.rawGear())
                .setRpm(Math.round(car.engineRpm()))
                .setEngineRpm(car.engineRpm())
                .setLimiterActive(car.engineLimiterOn())
                .setNormalizedPosition(car.carPositionNormalized())
                .setLapNumber(car.lapCount() + 1)
                .setLapTime(car.lapTimeMillis())
                .setLastLapTime(car.lastLapMillis())
                .setBestLapTime(car.bestLapMillis())
                .setWorldX(car.worldX())
                .setWorldY(car.worldY())
                .setWorldZ(car.worldZ())
                .setGLateral(car.accGHorizontal())
                .setGLongitudinal(car.accGFrontal())
                .setGVertical(car.accGVertical())
                .setWheelSlip(wheels(car.tyreSlip()))
                .setWheelAngularSpeed(wheels(car.wheelAngularSpeed()))
                .setTyreLoad(wheels(car.load()))
                .setSuspensionTravel(wheels(car.suspensionHeight()))
                .setSlipAngle(wheels(car.slipAngle()))
                .setSlipAngleContactPatch(wheels(car.slipAngleContactPatch()))
                .setSlipRatio(wheels(car.slipRatio()))
                .setNormalizedSlip(wheels(car.ndSlip()))
                .setTyreLateralGrip(wheels(car.dy()))
                .setSelfAligningTorque(wheels(car.mz()))
                .setTyreDirt(wheels(car.tyreDirtyLevel()))
                .setCamber(wheels(car.camberRad()))
                .setTyreRadius(wheels(car.tyreRadius()))
                .setTyreLoadedRadius(wheels(car.tyreLoadedRadius()))
                .setCgHeight(car.cgHeight())
                .setCarSlope(car.carSlope())
                .setAbsEnabled(car.absEnabled())
                .setAbsActive(car.absInAction())
                .setTcEnabled(car.tcEnabled())
                .setTcActive(car.tcInAction())
                .setPitState(car.inPit() ? PitState.PIT_LANE : PitState.ON_TRACK)
                .build();
    }

    private static Wheels wheels(io.purplesector.collector.ac.protocol.Wheels wheels) {
        return Wheels.newBuilder().setFrontLeft(wheels.frontLeft()).setFrontRight(wheels.frontRight())
                .setRearLeft(wheels.rearLeft()).setRearRight(wheels.rearRight()).build();
    }
}
