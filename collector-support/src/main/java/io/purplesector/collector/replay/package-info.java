/**
 * Replaying a capture through a collector's live decoding path: the pace, the end, the wait for
 * every acknowledgement, the one-line summary and the exit status, for every collector.
 */
@NullMarked
package io.purplesector.collector.replay;

import org.jspecify.annotations.NullMarked;
