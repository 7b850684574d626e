package io.purplesector.carmodel.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.purplesector.carmodel.track.Segment.Corner;
import io.purplesector.carmodel.track.Segment.Straight;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitTest {

    private final Circuit circuit = Circuits.PURPLE_PARK;

    @Test
    void purpleParkIsAClosedLoopOfAboutThreeKilometres() {
        assertThat(circuit.length()).isBetween(2900.0, 3100.0);
        Circuit.Position start = circuit.positionAt(0);
        Circuit.Position end = circuit.positionAt(circuit.length() - 0.001);
        assertThat(Math.hypot(end.x() - start.x(), end.z() - start.z())).isLessThan(1.5);
    }

    @Test
    void positionMovesOneMetrePerMetreAlongTheLine() {
        for (double d = 0; d < circuit.length() - 1; d += 37) {
            Circuit.Position a = circuit.positionAt(d);
            Circuit.Position b = circuit.positionAt(d + 1);
            assertThat(Math.hypot(b.x() - a.x(), b.z() - a.z())).isCloseTo(1.0, within(0.01));
        }
    }

    @Test
    void wrapsDistanceAndSplitsTheLapIntoEqualSectors() {
        assertThat(circuit.normalizedPosition(circuit.length() + 10)).isCloseTo(10 / circuit.length(), within(1e-9));
        assertThat(circuit.sectorAt(0)).isZero();
        assertThat(circuit.sectorAt(circuit.length() / 2)).isEqualTo(1);
        assertThat(circuit.sectorAt(circuit.length() - 1)).isEqualTo(2);
        assertThat(circuit.curvatureAt(10)).isZero();
        assertThat(circuit.curvatureAt(-10)).isNegative();
    }

    @Test
    void refusesSegmentsThatDoNotClose() {
        assertThatThrownBy(() -> Circuit.of("open", 3, List.of(new Straight(100), new Corner(50, 90))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Circuit open does not close");
        assertThatThrownBy(() -> new Corner(0, 90)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Straight(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
