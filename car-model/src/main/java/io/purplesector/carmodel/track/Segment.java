package io.purplesector.carmodel.track;

/** A piece of a circuit. */
public sealed interface Segment permits Segment.Straight, Segment.Corner {

    /** Length along the racing line, metres. */
    double length();

    /** Curvature, 1/metres: positive turning left, negative turning right, 0 on a straight. */
    double curvature();

    /** A straight of the given length, metres. */
    record Straight(double length) implements Segment {

        public Straight {
            if (!(length > 0)) {
                throw new IllegalArgumentException("A straight needs a positive length, not " + length);
            }
        }

        @Override
        public double curvature() {
            return 0;
        }
    }

    /**
     * A constant-radius corner.
     *
     * @param radius metres
     * @param degrees how far it turns: positive to the left, negative to the right
     */
    record Corner(double radius, double degrees) implements Segment {

        public Corner {
            if (!(radius > 0) || degrees == 0) {
                throw new IllegalArgumentException("A corner needs a positive radius and a turn, not r=" + radius
                        + " turning " + degrees + " degrees");
            }
        }

        @Override
        public double length() {
            return radius * Math.toRadians(Math.abs(degrees));
        }

        @Override
        public double curvature() {
            return Math.signum(degrees) / radius;
        }
    }
}
