package io.purplesector.collector.ac.protocol;

/** A value per wheel, in the game's order: front left, front right, rear left, rear right. */
public record Wheels(float frontLeft, float frontRight, float rearLeft, float rearRight) {

    public static final Wheels ZERO = new Wheels(0, 0, 0, 0);

    boolean finite() {
        return Float.isFinite(frontLeft) && Float.isFinite(frontRight) && Float.isFinite(rearLeft)
                && Float.isFinite(rearRight);
    }
}
