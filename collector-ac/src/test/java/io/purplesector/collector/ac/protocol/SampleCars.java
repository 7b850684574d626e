package io.purplesector.collector.ac.protocol;

/** Car infos for tests and benchmarks, each field by name. */
public final class SampleCars {

    private SampleCars() {
    }

    /**
     * A car at speed in fifth gear, with per-wheel values and world coordinates as in a capture
     * from Monza (game-protocols.md A.5): every field set, nothing out of range.
     */
    public static CarInfo.Builder atSpeed() {
        Wheels wheels = new Wheels(1.5f, 1.6f, 1.7f, 1.8f);
        return CarInfo.builder()
                .speedKmh(201.5f).speedMph(125.2f).speedMs(55.97f)
                .absEnabled(true).tcEnabled(true)
                .accGVertical(1.01f).accGHorizontal(-1.2f).accGFrontal(0.4f)
                .lapTimeMillis(61_234).lastLapMillis(90_100).bestLapMillis(89_950).lapCount(3)
                .gas(0.98f).clutch(1).engineRpm(7012.5f).steer(-12.5f).rawGear(5).cgHeight(0.31f)
                .wheelAngularSpeed(wheels).slipAngle(wheels).slipAngleContactPatch(wheels).slipRatio(wheels)
                .tyreSlip(wheels).ndSlip(wheels).load(wheels).dy(wheels).mz(wheels).tyreDirtyLevel(wheels)
                .camberRad(wheels).tyreRadius(wheels).tyreLoadedRadius(wheels).suspensionHeight(wheels)
                .carPositionNormalized(0.4567f).carSlope(0.01f)
                .worldX(-176.48f).worldY(-6.58f).worldZ(102.82f);
    }
}
