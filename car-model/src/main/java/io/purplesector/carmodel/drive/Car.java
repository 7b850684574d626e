package io.purplesector.carmodel.drive;

import io.purplesector.carmodel.driver.CarLimits;
import io.purplesector.carmodel.driver.Drivetrain;

/**
 * A car as the model drives it: the name a game would announce, what its tyres, brakes and
 * engine allow, and its gearbox.
 */
public record Car(String name, CarLimits limits, Drivetrain drivetrain) {

    /** The GT3-like car every simulated session drives. */
    public static final Car PURPLE_GT3 = new Car("purple_gt3", CarLimits.GT3, Drivetrain.GT3);
}
