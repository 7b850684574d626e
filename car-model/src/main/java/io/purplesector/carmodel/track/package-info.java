/** Circuits as geometry: straights and constant-radius corners, sampled along the racing line. */
@NullMarked
package io.purplesector.carmodel.track;

import org.jspecify.annotations.NullMarked;
