/**
 * One car driven round a circuit, stepped at a fixed rate: physics and driver inputs
 * ({@link io.purplesector.carmodel.drive.DrivenCar}), lap and sector timing, and the state each
 * step leaves ({@link io.purplesector.carmodel.drive.CarState}). No game's format: each simulator
 * maps the state to what its game sends.
 */
@NullMarked
package io.purplesector.carmodel.drive;

import org.jspecify.annotations.NullMarked;
