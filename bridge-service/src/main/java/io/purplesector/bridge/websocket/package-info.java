/** WebSocket clients: the protocol, their subscriptions, bounded per-client sending and demo playback. */
@NullMarked
package io.purplesector.bridge.websocket;

import org.jspecify.annotations.NullMarked;
