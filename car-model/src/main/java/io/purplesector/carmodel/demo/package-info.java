/**
 * The demo game: a driven car as the suite's records ({@code TelemetryRecord}), for collector-demo,
 * the bridge's demo playback and the tests that need realistic sessions.
 */
@NullMarked
package io.purplesector.carmodel.demo;

import org.jspecify.annotations.NullMarked;
