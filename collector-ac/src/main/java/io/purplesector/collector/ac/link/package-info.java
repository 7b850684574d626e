/** The UDP conversation with the game: handshake, subscriptions, silence, reconnection. */
@NullMarked
package io.purplesector.collector.ac.link;

import org.jspecify.annotations.NullMarked;
