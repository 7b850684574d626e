package io.purplesector.carmodel.track;

import java.util.List;

/**
 * A closed circuit sampled every metre along its racing line: world position (x east, z north,
 * y up as in the games), heading and curvature. The start/finish line is at distance 0.
 */
public final class Circuit {

    /** Distance between samples, metres. */
    static final double STEP = 1.0;

    private final String name;
    private final double length;
    private final int sectorCount;
    private final double[] x;
    private final double[] z;
    private final double[] curvature;

    private Circuit(String name, double length, int sectorCount, double[] x, double[] z, double[] curvature) {
        this.name = name;
        this.length = length;
        this.sectorCount = sectorCount;
        this.x = x;
        this.z = z;
        this.curvature = curvature;
    }

    /**
     * Lays the segments out one after the other, starting at the origin heading east.
     *
     * @throws IllegalArgumentException when the segments do not close into a circuit
     */
    public static Circuit of(String name, int sectorCount, List<Segment> segments) {
        double length = segments.stream().mapToDouble(Segment::length).sum();
        int samples = (int) Math.ceil(length / STEP);
        double[] x = new double[samples + 1];
        double[] z = new double[samples + 1];
        double[] curvature = new double[samples + 1];
        Pose pose = new Pose(0, 0, 0);
        double segmentStart = 0;
        int sample = 0;
        for (Segment segment : segments) {
            double segmentEnd = segmentStart + segment.length();
            for (; sample <= samples && sample * STEP <= segmentEnd; sample++) {
                Pose at = pose.along(segment, sample * STEP - segmentStart);
                x[sample] = at.x();
                z[sample] = at.z();
                curvature[sample] = segment.curvature();
            }
            pose = pose.along(segment, segment.length());
            segmentStart = segmentEnd;
        }
        for (; sample <= samples; sample++) {
            x[sample] = pose.x();
            z[sample] = pose.z();
            curvature[sample] = segments.get(segments.size() - 1).curvature();
        }
        double gap = Math.hypot(pose.x(), pose.z());
        double turned = Math.toDegrees(pose.heading());
        if (gap > 1.0 || Math.abs(Math.abs(turned) - 360) > 0.5) {
            throw new IllegalArgumentException(String.format(
                    "Circuit %s does not close: it ends %.1f m from its start after turning %.1f degrees",
                    name, gap, turned));
        }
        return new Circuit(name, length, sectorCount, x, z, curvature);
    }

    /** Where the car is and where it points (radians, 0 = east, counter-clockwise). */
    private record Pose(double x, double z, double heading) {

        /** The pose after driving {@code distance} metres into the segment, exactly. */
        Pose along(Segment segment, double distance) {
            double k = segment.curvature();
            if (k == 0) {
                return new Pose(x + distance * Math.cos(heading), z + distance * Math.sin(heading), heading);
            }
            double end = heading + k * distance;
            return new Pose(x + (Math.sin(end) - Math.sin(heading)) / k,
                    z - (Math.cos(end) - Math.cos(heading)) / k, end);
        }
    }

    public String name() {
        return name;
    }

    /** Length of one lap, metres. */
    public double length() {
        return length;
    }

    public int sectorCount() {
        return sectorCount;
    }

    /** Number of samples of one lap. */
    int samples() {
        return curvature.length - 1;
    }

    /** Curvature at the given sample, 1/m (positive turning left). */
    double curvatureAtSample(int sample) {
        return curvature[Math.floorMod(sample, samples())];
    }

    /** Curvature at a distance from the line, 1/m (positive turning left). */
    public double curvatureAt(double distance) {
        return curvatureAtSample((int) Math.floor(wrap(distance) / STEP));
    }

    /** World position at a distance from the line; x east, z north, metres. */
    public Position positionAt(double distance) {
        double d = wrap(distance) / STEP;
        int i = (int) Math.floor(d);
        int next = Math.min(i + 1, samples());
        double f = d - i;
        return new Position(x[i] + (x[next] - x[i]) * f, z[i] + (z[next] - z[i]) * f);
    }

    /** Index of the timing sector at a distance, 0 for the first. */
    public int sectorAt(double distance) {
        return Math.min(sectorCount - 1, (int) (wrap(distance) / length * sectorCount));
    }

    /** Fraction of the lap at a distance, 0 (line) to just under 1. */
    public double normalizedPosition(double distance) {
        return wrap(distance) / length;
    }

    private double wrap(double distance) {
        double wrapped = distance % length;
        return wrapped < 0 ? wrapped + length : wrapped;
    }

    /** A point in the world, metres. */
    public record Position(double x, double z) {
    }
}
