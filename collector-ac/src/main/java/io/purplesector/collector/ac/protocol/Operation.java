package io.purplesector.collector.ac.protocol;

/** What a client asks of the game in a {@link Handshaker} datagram (game-protocols.md A.3). */
public enum Operation {

    /** Start talking; the game answers with a {@link HandshakeResponse}. */
    HANDSHAKE(0),
    /** Receive one {@link CarInfo} per physics step. */
    SUBSCRIBE_UPDATE(1),
    /** Receive a {@link LapEvent} at each lap end, for every car of the session. */
    SUBSCRIBE_SPOT(2),
    /** Leave: the game forgets the client. */
    DISMISS(3);

    private final int id;

    Operation(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** The operation with this wire value, or null for a value the game does not define. */
    public static Operation of(int id) {
        return id >= 0 && id < values().length ? values()[id] : null;
    }
}
