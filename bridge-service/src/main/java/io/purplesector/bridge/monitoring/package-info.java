/** What operators see: the sessions flowing through the bridge and whether its broker is reachable. */
@NullMarked
package io.purplesector.bridge.monitoring;

import org.jspecify.annotations.NullMarked;
