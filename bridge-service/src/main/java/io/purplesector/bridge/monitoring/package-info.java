/** What operators see: the sessions flowing through the bridge. */
@NullMarked
package io.purplesector.bridge.monitoring;

import org.jspecify.annotations.NullMarked;
