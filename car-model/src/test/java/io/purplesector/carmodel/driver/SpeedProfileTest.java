package io.purplesector.carmodel.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.purplesector.carmodel.track.Circuit;
import io.purplesector.carmodel.track.Circuits;
import org.junit.jupiter.api.Test;

class SpeedProfileTest {

    private final Circuit circuit = Circuits.PURPLE_PARK;
    private final SpeedProfile profile = SpeedProfile.of(circuit, CarLimits.GT3);

    @Test
    void neverFasterThanTheTyresAllowInACorner() {
        for (int d = 0; d < circuit.length(); d++) {
            double curvature = Math.abs(circuit.curvatureAt(d));
            if (curvature > 0) {
                assertThat(profile.speedAt(d)).isLessThanOrEqualTo(Math.sqrt(CarLimits.GT3.lateral() / curvature) + 0.5);
            }
        }
    }

    @Test
    void neverAcceleratesOrBrakesHarderThanTheCarCan() {
        for (int d = 0; d < circuit.length() - 1; d++) {
            double v = profile.speedAt(d);
            double next = profile.speedAt(d + 1);
            double acceleration = (next * next - v * v) / 2;
            assertThat(acceleration).isBetween(-CarLimits.GT3.braking() - 0.5, CarLimits.GT3.drive() + 0.5);
        }
    }

    @Test
    void fastOnTheStraightsSlowInTheHairpin() {
        double fastest = 0;
        for (int d = 0; d < circuit.length(); d++) {
            fastest = Math.max(fastest, profile.speedAt(d));
        }
        assertThat(fastest * 3.6).as("fastest point").isGreaterThan(200);
        assertThat(profile.minimumSpeed() * 3.6).as("turn 1").isBetween(60.0, 110.0);
    }

    @Test
    void slowerPaceMeansSlowerEverywhere() {
        SpeedProfile slower = SpeedProfile.of(circuit, CarLimits.GT3.atPace(0.9));
        for (int d = 0; d < circuit.length(); d += 13) {
            assertThat(slower.speedAt(d)).isLessThanOrEqualTo(profile.speedAt(d) + 1e-9);
        }
    }

    @Test
    void drivetrainShiftsUpWithSpeedAndStaysBelowTheShiftPoint() {
        Drivetrain gearbox = Drivetrain.GT3;
        int previousGear = 1;
        for (double v = 0; v < 78; v += 0.5) {
            int gear = gearbox.gearFor(v);
            assertThat(gear).isGreaterThanOrEqualTo(previousGear);
            assertThat(gearbox.rpm(v, gear)).isBetween(gearbox.idleRpm(), gearbox.shiftRpm());
            previousGear = gear;
        }
        assertThat(previousGear).isEqualTo(6);
    }
}
