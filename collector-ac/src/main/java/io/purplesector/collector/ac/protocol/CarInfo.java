package io.purplesector.collector.ac.protocol;

/**
 * The player's car at one physics step (328 bytes, game-protocols.md A.5). Names and units are the
 * game's; {@link #gear()} maps the raw gear to the shared schema's convention.
 *
 * @param rawGear as the game sends it: 0 reverse, 1 neutral, 2 first gear, ...
 * @param engineRpm a float on the wire, fractions included
 * @param steer steering angle, degrees
 * @param carCoordinates world x, y, z in metres
 */
public record CarInfo(
        float speedKmh, float speedMph, float speedMs,
        boolean absEnabled, boolean absInAction, boolean tcInAction, boolean tcEnabled, boolean inPit,
        boolean engineLimiterOn,
        float accGVertical, float accGHorizontal, float accGFrontal,
        int lapTimeMillis, int lastLapMillis, int bestLapMillis, int lapCount,
        float gas, float brake, float clutch, float engineRpm, float steer, int rawGear, float cgHeight,
        Wheels wheelAngularSpeed, Wheels slipAngle, Wheels slipAngleContactPatch, Wheels slipRatio,
        Wheels tyreSlip, Wheels ndSlip, Wheels load, Wheels dy, Wheels mz, Wheels tyreDirtyLevel,
        Wheels camberRad, Wheels tyreRadius, Wheels tyreLoadedRadius, Wheels suspensionHeight,
        float carPositionNormalized, float carSlope, float worldX, float worldY, float worldZ) implements AcDatagram {

    public static final int SIZE = 328;
    /** The first byte of every car-info datagram. */
    public static final byte IDENTIFIER = 'a';

    /** The gear as the shared schema counts: -1 reverse, 0 neutral, 1 first gear, ... */
    public int gear() {
        return rawGear - 1;
    }
}
