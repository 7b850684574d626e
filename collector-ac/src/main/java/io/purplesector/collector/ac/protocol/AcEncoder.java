package io.purplesector.collector.ac.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the game's structures as the game does, '%' terminator and leftover bytes included: the
 * simulator speaks through it, and tests build datagrams with it.
 */
public final class AcEncoder {

    private static final int NAME_UNITS = 50;

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
        name(out, 0, response.carName());
        name(out, 100, response.driverName());
        out.putInt(200, response.identifier()).putInt(204, response.version());
        name(out, 208, response.trackName());
        name(out, 308, response.trackConfig());
        return out.array();
    }

    private static byte[] lapEvent(LapEvent lap) {
        ByteBuffer out = buffer(LapEvent.SIZE);
        out.putInt(0, lap.carIdentifierNumber()).putInt(4, lap.lap());
        name(out, 8, lap.driverName());
        name(out, 108, lap.carName());
        out.putInt(208, lap.timeMillis());
        return out.array();
    }

    private static byte[] carInfo(CarInfo car) {
        ByteBuffer out = buffer(CarInfo.SIZE);
        out.put(0, CarInfo.IDENTIFIER).putInt(4, CarInfo.SIZE);
        out.putFloat(8, car.speedKmh()).putFloat(12, car.speedMph()).putFloat(16, car.speedMs());
        out.put(20, bool(car.absEnabled())).put(21, bool(car.absInAction())).put(22, bool(car.tcInAction()))
                .put(23, bool(car.tcEnabled())).put(24, bool(car.inPit())).put(25, bool(car.engineLimiterOn()));
        out.putFloat(28, car.accGVertical()).putFloat(32, car.accGHorizontal()).putFloat(36, car.accGFrontal());
        out.putInt(40, car.lapTimeMillis()).putInt(44, car.lastLapMillis()).putInt(48, car.bestLapMillis())
                .putInt(52, car.lapCount());
        out.putFloat(56, car.gas()).putFloat(60, car.brake()).putFloat(64, car.clutch())
                .putFloat(68, car.engineRpm()).putFloat(72, car.steer()).putInt(76, car.rawGear())
                .putFloat(80, car.cgHeight());
        Wheels[] wheels = {car.wheelAngularSpeed(), car.slipAngle(), car.slipAngleContactPatch(), car.slipRatio(),
            car.tyreSlip(), car.ndSlip(), car.load(), car.dy(), car.mz(), car.tyreDirtyLevel(), car.camberRad(),
            car.tyreRadius(), car.tyreLoadedRadius(), car.suspensionHeight()};
        for (int i = 0; i < wheels.length; i++) {
            int offset = 84 + 16 * i;
            out.putFloat(offset, wheels[i].frontLeft()).putFloat(offset + 4, wheels[i].frontRight())
                    .putFloat(offset + 8, wheels[i].rearLeft()).putFloat(offset + 12, wheels[i].rearRight());
        }
        out.putFloat(308, car.carPositionNormalized()).putFloat(312, car.carSlope())
                .putFloat(316, car.worldX()).putFloat(320, car.worldY()).putFloat(324, car.worldZ());
        return out.array();
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
