/** The game's datagrams (game-protocols.md part A): reading, writing, and what is malformed. */
@NullMarked
package io.purplesector.collector.ac.protocol;

import org.jspecify.annotations.NullMarked;
