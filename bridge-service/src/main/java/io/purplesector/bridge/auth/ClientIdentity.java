package io.purplesector.bridge.auth;

/**
 * Who a WebSocket client is watching, decided at the handshake.
 *
 * @param userId the user whose telemetry the client receives; empty for clients that watch the
 *        frames without a user (only possible with authentication off)
 * @param authenticated whether a verified token named the user
 * @param address the client's address as the server sees it, for the per-address limits
 */
public record ClientIdentity(String userId, boolean authenticated, String address) {

    /** Exchange and session attribute under which the handshake leaves the identity. */
    public static final String ATTRIBUTE = ClientIdentity.class.getName();
}
