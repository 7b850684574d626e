/** The one consumer of the telemetry topics per bridge instance. */
@NullMarked
package io.purplesector.bridge.kafka;

import org.jspecify.annotations.NullMarked;
