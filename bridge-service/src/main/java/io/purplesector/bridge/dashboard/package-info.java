/** The live dashboard page served by the bridge. */
@NullMarked
package io.purplesector.bridge.dashboard;

import org.jspecify.annotations.NullMarked;
