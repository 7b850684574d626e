package io.purplesector.collector.ac.protocol;

import static io.purplesector.collector.ac.protocol.AcLayout.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the game's structures as the game does, '%' terminator and leftover bytes included: the
 * simulator speaks through it, and tests build datagrams with it.
 */
public final class AcEncoder {

    private static final int NAME_UNITS = NAME_BYTES / 2;

    public byte[] encode(AcDatagram datagram) {
        if (datagram instanceof CarInfo car) {
            return carInfo(car);
        }
        if (datagram instanceof HandshakeResponse response) {
            return handshakeResponse(response);
        }
        return lapEvent((LapEvent) datagram);
    }

    private static byte[] handshakeResponse(HandshakeResponse response) {
        ByteBuffer out = buffer(HandshakeResponse.SIZE);
        name(out, HANDSHAKE_CAR_NAME, response.carName());
        name(out, HANDSHAKE_DRIVER_NAME, response.driverName());
        out.putInt(HANDSHAKE_IDENTIFIER, response.identifier()).putInt(HANDSHAKE_VERSION, response.version());
        name(out, HANDSHAKE_TRACK_NAME, response.trackName());
        name(out, HANDSHAKE_TRACK_CONFIG, response.trackConfig());
        return out.array();
    }

    private static byte[] lapEvent(LapEvent lap) {
        ByteBuffer out = buffer(LapEvent.SIZE);
        out.putInt(LAP_CAR_IDENTIFIER_NUMBER, lap.carIdentifierNumber()).putInt(LAP_LAP, lap.lap());
        name(out, LAP_DRIVER_NAME, lap.driverName());
        name(out, LAP_CAR_NAME, lap.carName());
        out.putInt(LAP_TIME, lap.timeMillis());
        return out.array();
    }

    private static byte[] carInfo(CarInfo car) {
        ByteBuffer out = buffer(CarInfo.SIZE);
        out.put(CAR_IDENTIFIER, CarInfo.IDENTIFIER).putInt(CAR_SIZE, CarInfo.SIZE);
        out.putFloat(CAR_SPEED_KMH, car.speedKmh()).putFloat(CAR_SPEED_MPH, car.speedMph())
                .putFloat(CAR_SPEED_MS, car.speedMs());
        out.put(CAR_ABS_ENABLED, bool(car.absEnabled())).put(CAR_ABS_IN_ACTION, bool(car.absInAction()))
                .put(CAR_TC_IN_ACTION, bool(car.tcInAction())).put(CAR_TC_ENABLED, bool(car.tcEnabled()))
                .put(CAR_IN_PIT, bool(car.inPit())).put(CAR_ENGINE_LIMITER_ON, bool(car.engineLimiterOn()));
        out.putFloat(CAR_ACC_G_VERTICAL, car.accGVertical()).putFloat(CAR_ACC_G_HORIZONTAL, car.accGHorizontal())
                .putFloat(CAR_ACC_G_FRONTAL, car.accGFrontal());
        out.putInt(CAR_LAP_TIME, car.lapTimeMillis()).putInt(CAR_LAST_LAP, car.lastLapMillis())
                .putInt(CAR_BEST_LAP, car.bestLapMillis()).putInt(CAR_LAP_COUNT, car.lapCount());
        out.putFloat(CAR_GAS, car.gas()).putFloat(CAR_BRAKE, car.brake()).putFloat(CAR_CLUTCH, car.clutch())
                .putFloat(CAR_ENGINE_RPM, car.engineRpm()).putFloat(CAR_STEER, car.steer())
                .putInt(CAR_GEAR, car.rawGear()).putFloat(CAR_CG_HEIGHT, car.cgHeight());
        wheels(out, CAR_WHEEL_ANGULAR_SPEED, car.wheelAngularSpeed());
        wheels(out, CAR_SLIP_ANGLE, car.slipAngle());
        wheels(out, CAR_SLIP_ANGLE_CONTACT_PATCH, car.slipAngleContactPatch());
        wheels(out, CAR_SLIP_RATIO, car.slipRatio());
        wheels(out, CAR_TYRE_SLIP, car.tyreSlip());
        wheels(out, CAR_ND_SLIP, car.ndSlip());
        wheels(out, CAR_LOAD, car.load());
        wheels(out, CAR_DY, car.dy());
        wheels(out, CAR_MZ, car.mz());
        wheels(out, CAR_TYRE_DIRTY_LEVEL, car.tyreDirtyLevel());
        wheels(out, CAR_CAMBER_RAD, car.camberRad());
        wheels(out, CAR_TYRE_RADIUS, car.tyreRadius());
        wheels(out, CAR_TYRE_LOADED_RADIUS, car.tyreLoadedRadius());
        wheels(out, CAR_SUSPENSION_HEIGHT, car.suspensionHeight());
        out.putFloat(CAR_POSITION_NORMALIZED, car.carPositionNormalized()).putFloat(CAR_SLOPE, car.carSlope())
                .putFloat(CAR_WORLD_X, car.worldX()).putFloat(CAR_WORLD_Y, car.worldY())
                .putFloat(CAR_WORLD_Z, car.worldZ());
        return out.array();
    }

    private static void wheels(ByteBuffer out, int offset, Wheels wheels) {
        out.putFloat(offset, wheels.frontLeft()).putFloat(offset + 4, wheels.frontRight())
                .putFloat(offset + 8, wheels.rearLeft()).putFloat(offset + 12, wheels.rearRight());
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte bool(boolean value) {
        return (byte) (value ? 1 : 0);
    }

    /** The name, then '%', then the leftover bytes the game leaves in the field ('x' here). */
    private static void name(ByteBuffer out, int offset, String name) {
        String field = (name + "%" + "x".repeat(NAME_UNITS)).substring(0, NAME_UNITS);
        out.put(offset, field.getBytes(StandardCharsets.UTF_16LE));
    }
}
