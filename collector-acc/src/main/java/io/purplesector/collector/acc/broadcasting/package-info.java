/**
 * The conversation with ACC's broadcasting (game-protocols.md B.7): registering, keeping the
 * entry list and track current, noticing a game gone silent, leaving. No sockets here: what to
 * send goes out through a function, so the same client runs live and in tests.
 */
@NullMarked
package io.purplesector.collector.acc.broadcasting;

import org.jspecify.annotations.NullMarked;
