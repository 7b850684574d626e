package io.purplesector.carmodel.track;

import io.purplesector.carmodel.track.Segment.Corner;
import io.purplesector.carmodel.track.Segment.Straight;
import java.util.List;
import java.util.stream.Stream;

/** The circuits the demo collector drives. */
public final class Circuits {

    /*
     * A clockwise, rectangle-like circuit of about 3 km: a long main straight with a chicane,
     * a tight turn 1, a fast sweeper, a medium corner, a back straight with a mirrored chicane
     * and a long final corner. With four right-hand 90-degree corners of radii r1..r4 the back
     * straight must be S1 + r1 - r2 - r3 + r4 and the last one S2 + r1 + r2 - r3 - r4 for the
     * layout to close (S1 = 900, S2 = 350); the two chicanes cancel each other's sideways step.
     */
    public static final Circuit PURPLE_PARK = Circuit.of("purple_park", 3, Stream.<List<Segment>>of(
            List.of(new Straight(420)), chicane(), List.of(new Straight(420)),
            List.of(new Corner(40, -90), new Straight(350), new Corner(120, -90)),
            List.of(new Straight(370)), chicane(), List.of(new Straight(420)),
            List.of(new Corner(60, -90), new Straight(360), new Corner(90, -90)))
            .flatMap(List::stream).toList());

    private Circuits() {
    }

    /** Left, right, left: a sideways step with no net turn. */
    private static List<Segment> chicane() {
        return List.of(new Corner(45, 25), new Corner(45, -50), new Corner(45, 25));
    }
}
