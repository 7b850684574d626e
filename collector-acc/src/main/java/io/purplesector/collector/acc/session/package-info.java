/**
 * The merge: shared-memory pages and broadcasting messages in, the shared schema's records out,
 * one path for live data and for a replay. Sessions start and end here, laps are reported here,
 * and the mode (both sources, one of them, none) is decided here.
 */
@NullMarked
package io.purplesector.collector.acc.session;

import org.jspecify.annotations.NullMarked;
