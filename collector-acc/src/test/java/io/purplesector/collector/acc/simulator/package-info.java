/**
 * A stand-in for ACC: its broadcasting server and its shared-memory pages as files, driven by the
 * shared car model with several cars on track. A test tool, kept out of the collector's jar.
 */
@NullMarked
package io.purplesector.collector.acc.simulator;

import org.jspecify.annotations.NullMarked;
