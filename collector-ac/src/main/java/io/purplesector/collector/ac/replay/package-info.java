/** A recorded capture run through the live path. */
@NullMarked
package io.purplesector.collector.ac.replay;

import org.jspecify.annotations.NullMarked;
