package io.purplesector.carmodel.driver;

/**
 * What the car can do, in m/s² and m/s. A GT3-like car by default.
 *
 * @param lateral the most cornering acceleration the tyres give
 * @param braking the most deceleration under braking
 * @param drive acceleration at full throttle from low speed; it falls with the square of speed
 *        (drag) to zero at {@code topSpeed}
 * @param topSpeed the speed drag caps the car at
 */
public record CarLimits(double lateral, double braking, double drive, double topSpeed) {

    static final double G = 9.81;

    public static final CarLimits GT3 = new CarLimits(1.6 * G, 1.5 * G, 0.75 * G, 78.0);

    /** The same car driven at a fraction of its limit (1 = on the limit). */
    public CarLimits atPace(double pace) {
        return new CarLimits(lateral * pace, braking * pace, drive * pace, topSpeed);
    }

    /** Full-throttle acceleration at a speed, m/s². */
    double driveAt(double speed) {
        double fraction = speed / topSpeed;
        return Math.max(0, drive * (1 - fraction * fraction));
    }
}
