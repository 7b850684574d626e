/** Synthetic sessions: what a car lapping a circuit sends, frame by frame, and the sessions that run. */
@NullMarked
package io.purplesector.collector.demo.session;

import org.jspecify.annotations.NullMarked;
