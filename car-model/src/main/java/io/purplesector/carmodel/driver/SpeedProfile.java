package io.purplesector.carmodel.driver;

import io.purplesector.carmodel.track.Circuit;

/**
 * The fastest speed at every metre of a lap: no faster than the tyres allow in each corner,
 * braking as late as the brakes allow before it, accelerating as hard as the engine allows
 * after it. A driver following it is consistent by construction: speed, throttle, brake and
 * steering all come from the same curve.
 */
public final class SpeedProfile {

    private final Circuit circuit;
    private final CarLimits limits;
    private final double[] speed;

    private SpeedProfile(Circuit circuit, CarLimits limits, double[] speed) {
        this.circuit = circuit;
        this.limits = limits;
        this.speed = speed;
    }

    public static SpeedProfile of(Circuit circuit, CarLimits limits) {
        int samples = (int) Math.ceil(circuit.length());
        double[] speed = new double[samples];
        for (int i = 0; i < samples; i++) {
            double curvature = Math.abs(circuit.curvatureAt(i));
            speed[i] = curvature == 0 ? limits.topSpeed()
                    : Math.min(limits.topSpeed(), Math.sqrt(limits.lateral() / curvature));
        }
        // Two laps of each pass, so that the limits carry over the start/finish line.
        for (int pass = 0; pass < 2 * samples; pass++) {
            int i = pass % samples;
            int next = (i + 1) % samples;
            double reachable = Math.sqrt(speed[i] * speed[i] + 2 * limits.driveAt(speed[i]));
            speed[next] = Math.min(speed[next], reachable);
        }
        for (int pass = 2 * samples; pass > 0; pass--) {
            int i = pass % samples;
            int previous = (i - 1 + samples) % samples;
            double brakeable = Math.sqrt(speed[i] * speed[i] + 2 * limits.braking());
            speed[previous] = Math.min(speed[previous], brakeable);
        }
        return new SpeedProfile(circuit, limits, speed);
    }

    public Circuit circuit() {
        return circuit;
    }

    public CarLimits limits() {
        return limits;
    }

    /** Target speed at a distance from the line, m/s. */
    public double speedAt(double distance) {
        int samples = speed.length;
        double d = ((distance % samples) + samples) % samples;
        int i = (int) d;
        double f = d - i;
        return speed[i] + (speed[(i + 1) % samples] - speed[i]) * f;
    }

    /** The lowest target speed of the lap, m/s: the slowest corner. */
    public double minimumSpeed() {
        double minimum = Double.MAX_VALUE;
        for (double s : speed) {
            minimum = Math.min(minimum, s);
        }
        return minimum;
    }
}
