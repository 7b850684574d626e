/** Who a WebSocket client is: signed tokens (JWT) whose subject is the user id, checked at the handshake. */
@NullMarked
package io.purplesector.bridge.auth;

import org.jspecify.annotations.NullMarked;
