/** A stand-in for the game, for tests and demos. */
@NullMarked
package io.purplesector.collector.ac.simulator;

import org.jspecify.annotations.NullMarked;
