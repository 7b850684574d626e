package io.purplesector.carmodel.driver;

/**
 * Gearbox and engine: which gear the driver selects at a speed and the engine speed that gives.
 *
 * @param ratios gear ratios, first gear first
 * @param finalDrive final drive ratio
 * @param wheelRadius loaded wheel radius, metres
 * @param idleRpm engine speed when the clutch is in or the car stands
 * @param shiftRpm engine speed at which the driver shifts up
 */
public record Drivetrain(double[] ratios, double finalDrive, double wheelRadius, double idleRpm, double shiftRpm) {

    public static final Drivetrain GT3 =
            new Drivetrain(new double[] {3.2, 2.35, 1.85, 1.5, 1.22, 1.0}, 3.4, 0.33, 1200, 7800);

    /** The gear a driver uses at a speed: the lowest one that keeps the engine below the shift point. */
    public int gearFor(double speed) {
        for (int gear = 1; gear <= ratios.length; gear++) {
            if (rpm(speed, gear) <= shiftRpm) {
                return gear;
            }
        }
        return ratios.length;
    }

    /** Engine speed in a gear, rpm; never below idle. */
    public double rpm(double speed, int gear) {
        double wheelRpm = speed / (2 * Math.PI * wheelRadius) * 60;
        return Math.max(idleRpm, wheelRpm * ratios[gear - 1] * finalDrive);
    }
}
