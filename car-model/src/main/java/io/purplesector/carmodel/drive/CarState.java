package io.purplesector.carmodel.drive;

import java.util.OptionalInt;

/**
 * The car after one step of a drive, in SI units and the model's own terms: what a game knows
 * about the player's car at one physics sample. Each simulator maps it to what its game sends.
 *
 * @param sequence steps driven so far, 1 for the first
 * @param sessionMillis session time at this step
 */
public record CarState(long sequence, long sessionMillis, Controls controls, Motion motion, Place place,
        LapProgress lap, Condition condition) {

    /**
     * The driver's inputs and the engine.
     *
     * @param throttle 0..1
     * @param brake 0..1
     * @param steering -1 (full left) .. 1 (full right)
     * @param clutch 0 (engaged) .. 1 (pressed)
     * @param gear 1 for first
     * @param rpm engine speed
     * @param limiterActive the pit-lane speed limiter is on
     */
    public record Controls(double throttle, double brake, double steering, double clutch, int gear, double rpm,
            boolean limiterActive) {
    }

    /**
     * How the car moves.
     *
     * @param speed m/s
     * @param acceleration along the track, m/s²
     * @param lateralG sideways acceleration in g, positive to the left of the car
     * @param wheelRadius loaded wheel radius, metres (wheel speeds follow from it)
     */
    public record Motion(double speed, double acceleration, double lateralG, double wheelRadius) {

        /** Acceleration along the track, in g. */
        public double longitudinalG() {
            return acceleration / 9.81;
        }
    }

    /**
     * Where the car is.
     *
     * @param lapDistance metres after the start/finish line
     * @param normalizedPosition fraction of the lap, 0 (line) to just under 1
     * @param x metres east
     * @param y metres up
     * @param z metres north
     * @param inPitLane between the pit box and the pit exit, at the start
     */
    public record Place(double lapDistance, double normalizedPosition, double x, double y, double z,
            boolean inPitLane) {
    }

    /**
     * The lap being driven.
     *
     * @param number 1 for the out-lap
     * @param timeMillis time since the lap began
     * @param sector timing sector, 0 for the first
     * @param valid the lap still counts (never the out-lap)
     * @param lastLapMillis the previous lap's time, 0 before the first lap ends
     * @param bestLapMillis the best valid lap's time, 0 before one
     * @param deltaMillis this lap's time minus the best lap's at the same point, when there is a best lap
     */
    public record LapProgress(int number, int timeMillis, int sector, boolean valid, int lastLapMillis,
            int bestLapMillis, OptionalInt deltaMillis) {
    }

    /**
     * What wears and warms as the car drives.
     *
     * @param brakeTemperature °C
     * @param tyreTemperature core temperature, °C
     * @param fuel litres
     */
    public record Condition(double brakeTemperature, double tyreTemperature, double fuel) {
    }
}
