package io.purplesector.collector.ac.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 12-byte datagram a client sends to the game: identifier, version, operation, three
 * little-endian ints. The game ignores the first two; we send what its documentation suggests.
 */
public record Handshaker(int identifier, int version, Operation operation) {

    public static final int SIZE = 12;

    /** A request as this collector sends it. */
    public static Handshaker of(Operation operation) {
        return new Handshaker(1, 1, operation);
    }

    public byte[] encode() {
        return ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(AcLayout.HANDSHAKER_IDENTIFIER, identifier).putInt(AcLayout.HANDSHAKER_VERSION, version)
                .putInt(AcLayout.HANDSHAKER_OPERATION, operation.id()).array();
    }

    /** Reads a client's request (the game's side of the conversation, as the simulator plays it). */
    public static Decoded<Handshaker> decode(ByteBuffer datagram) {
        if (datagram.remaining() != SIZE) {
            return Decoded.malformed(Malformation.WRONG_SIZE, "a handshaker is 12 bytes, not " + datagram.remaining(),
                    datagram.remaining());
        }
        ByteBuffer in = datagram.slice().order(ByteOrder.LITTLE_ENDIAN);
        Operation operation = Operation.of(in.getInt(AcLayout.HANDSHAKER_OPERATION));
        if (operation == null) {
            return Decoded.malformed(Malformation.WRONG_IDENTIFIER,
                    "unknown operation " + in.getInt(AcLayout.HANDSHAKER_OPERATION), SIZE);
        }
        return Decoded.ok(new Handshaker(in.getInt(AcLayout.HANDSHAKER_IDENTIFIER),
                in.getInt(AcLayout.HANDSHAKER_VERSION), operation));
    }
}
