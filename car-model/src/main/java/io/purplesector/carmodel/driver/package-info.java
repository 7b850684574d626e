/** How a car is driven: the fastest speed the car can hold at each point of a lap, and its drivetrain. */
@NullMarked
package io.purplesector.carmodel.driver;

import org.jspecify.annotations.NullMarked;
