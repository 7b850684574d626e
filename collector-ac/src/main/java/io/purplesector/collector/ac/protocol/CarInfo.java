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

    /** A car info field by field, by name; what is not set is zero (per-wheel values too). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CarInfo} by field name rather than by the position of 42 arguments. */
    public static final class Builder {

        private float speedKmh;
        private float speedMph;
        private float speedMs;
        private boolean absEnabled;
        private boolean absInAction;
        private boolean tcInAction;
        private boolean tcEnabled;
        private boolean inPit;
        private boolean engineLimiterOn;
        private float accGVertical;
        private float accGHorizontal;
        private float accGFrontal;
        private int lapTimeMillis;
        private int lastLapMillis;
        private int bestLapMillis;
        private int lapCount;
        private float gas;
        private float brake;
        private float clutch;
        private float engineRpm;
        private float steer;
        private int rawGear;
        private float cgHeight;
        private Wheels wheelAngularSpeed = Wheels.ZERO;
        private Wheels slipAngle = Wheels.ZERO;
        private Wheels slipAngleContactPatch = Wheels.ZERO;
        private Wheels slipRatio = Wheels.ZERO;
        private Wheels tyreSlip = Wheels.ZERO;
        private Wheels ndSlip = Wheels.ZERO;
        private Wheels load = Wheels.ZERO;
        private Wheels dy = Wheels.ZERO;
        private Wheels mz = Wheels.ZERO;
        private Wheels tyreDirtyLevel = Wheels.ZERO;
        private Wheels camberRad = Wheels.ZERO;
        private Wheels tyreRadius = Wheels.ZERO;
        private Wheels tyreLoadedRadius = Wheels.ZERO;
        private Wheels suspensionHeight = Wheels.ZERO;
        private float carPositionNormalized;
        private float carSlope;
        private float worldX;
        private float worldY;
        private float worldZ;

        private Builder() {
        }

        public Builder speedKmh(float speedKmh) {
            this.speedKmh = speedKmh;
            return this;
        }

        public Builder speedMph(float speedMph) {
            this.speedMph = speedMph;
            return this;
        }

        public Builder speedMs(float speedMs) {
            this.speedMs = speedMs;
            return this;
        }

        public Builder absEnabled(boolean absEnabled) {
            this.absEnabled = absEnabled;
            return this;
        }

        public Builder absInAction(boolean absInAction) {
            this.absInAction = absInAction;
            return this;
        }

        public Builder tcInAction(boolean tcInAction) {
            this.tcInAction = tcInAction;
            return this;
        }

        public Builder tcEnabled(boolean tcEnabled) {
            this.tcEnabled = tcEnabled;
            return this;
        }

        public Builder inPit(boolean inPit) {
            this.inPit = inPit;
            return this;
        }

        public Builder engineLimiterOn(boolean engineLimiterOn) {
            this.engineLimiterOn = engineLimiterOn;
            return this;
        }

        public Builder accGVertical(float accGVertical) {
            this.accGVertical = accGVertical;
            return this;
        }

        public Builder accGHorizontal(float accGHorizontal) {
            this.accGHorizontal = accGHorizontal;
            return this;
        }

        public Builder accGFrontal(float accGFrontal) {
            this.accGFrontal = accGFrontal;
            return this;
        }

        public Builder lapTimeMillis(int lapTimeMillis) {
            this.lapTimeMillis = lapTimeMillis;
            return this;
        }

        public Builder lastLapMillis(int lastLapMillis) {
            this.lastLapMillis = lastLapMillis;
            return this;
        }

        public Builder bestLapMillis(int bestLapMillis) {
            this.bestLapMillis = bestLapMillis;
            return this;
        }

        public Builder lapCount(int lapCount) {
            this.lapCount = lapCount;
            return this;
        }

        public Builder gas(float gas) {
            this.gas = gas;
            return this;
        }

        public Builder brake(float brake) {
            this.brake = brake;
            return this;
        }

        public Builder clutch(float clutch) {
            this.clutch = clutch;
            return this;
        }

        public Builder engineRpm(float engineRpm) {
            this.engineRpm = engineRpm;
            return this;
        }

        public Builder steer(float steer) {
            this.steer = steer;
            return this;
        }

        public Builder rawGear(int rawGear) {
            this.rawGear = rawGear;
            return this;
        }

        public Builder cgHeight(float cgHeight) {
            this.cgHeight = cgHeight;
            return this;
        }

        public Builder wheelAngularSpeed(Wheels wheelAngularSpeed) {
            this.wheelAngularSpeed = wheelAngularSpeed;
            return this;
        }

        public Builder slipAngle(Wheels slipAngle) {
            this.slipAngle = slipAngle;
            return this;
        }

        public Builder slipAngleContactPatch(Wheels slipAngleContactPatch) {
            this.slipAngleContactPatch = slipAngleContactPatch;
            return this;
        }

        public Builder slipRatio(Wheels slipRatio) {
            this.slipRatio = slipRatio;
            return this;
        }

        public Builder tyreSlip(Wheels tyreSlip) {
            this.tyreSlip = tyreSlip;
            return this;
        }

        public Builder ndSlip(Wheels ndSlip) {
            this.ndSlip = ndSlip;
            return this;
        }

        public Builder load(Wheels load) {
            this.load = load;
            return this;
        }

        public Builder dy(Wheels dy) {
            this.dy = dy;
            return this;
        }

        public Builder mz(Wheels mz) {
            this.mz = mz;
            return this;
        }

        public Builder tyreDirtyLevel(Wheels tyreDirtyLevel) {
            this.tyreDirtyLevel = tyreDirtyLevel;
            return this;
        }

        public Builder camberRad(Wheels camberRad) {
            this.camberRad = camberRad;
            return this;
        }

        public Builder tyreRadius(Wheels tyreRadius) {
            this.tyreRadius = tyreRadius;
            return this;
        }

        public Builder tyreLoadedRadius(Wheels tyreLoadedRadius) {
            this.tyreLoadedRadius = tyreLoadedRadius;
            return this;
        }

        public Builder suspensionHeight(Wheels suspensionHeight) {
            this.suspensionHeight = suspensionHeight;
            return this;
        }

        public Builder carPositionNormalized(float carPositionNormalized) {
            this.carPositionNormalized = carPositionNormalized;
            return this;
        }

        public Builder carSlope(float carSlope) {
            this.carSlope = carSlope;
            return this;
        }

        public Builder worldX(float worldX) {
            this.worldX = worldX;
            return this;
        }

        public Builder worldY(float worldY) {
            this.worldY = worldY;
            return this;
        }

        public Builder worldZ(float worldZ) {
            this.worldZ = worldZ;
            return this;
        }

        public CarInfo build() {
            return new CarInfo(speedKmh, speedMph, speedMs, absEnabled, absInAction, tcInAction, tcEnabled, inPit, engineLimiterOn,
                    accGVertical, accGHorizontal, accGFrontal, lapTimeMillis, lastLapMillis, bestLapMillis, lapCount,
                    gas, brake, clutch, engineRpm, steer, rawGear, cgHeight, wheelAngularSpeed, slipAngle,
                    slipAngleContactPatch, slipRatio, tyreSlip, ndSlip, load, dy, mz, tyreDirtyLevel, camberRad,
                    tyreRadius, tyreLoadedRadius, suspensionHeight, carPositionNormalized, carSlope, worldX, worldY,
                    worldZ);
        }
    }
}
