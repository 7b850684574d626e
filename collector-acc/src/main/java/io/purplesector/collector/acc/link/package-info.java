/**
 * The collector's one thread with the game: the broadcasting socket and the shared-memory polls,
 * feeding the merge; and its life in the application (start, stop, health).
 */
@NullMarked
package io.purplesector.collector.acc.link;

import org.jspecify.annotations.NullMarked;
