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
                .putInt(identifier).putInt(version).putInt(operation.id()).array();
    }

    /**
     * Reads a client's request (the simulator's side of the conversation).
     *
     * @throws MalformedDatagramException when it is not 12 bytes or names no operation
     */
    public static Handshaker decode(ByteBuffer datagram) {
        if (datagram.remaining() != SIZE) {
            throw new MalformedDatagramException(MalformedDatagramException.Kind.WRONG_SIZE,
                    "a handshaker is 12 bytes, not " + datagram.remaining());
        }
        ByteBuffer in = datagram.slice().order(ByteOrder.LITTLE_ENDIAN);
        Operation operation = Operation.of(in.getInt(8));
        if (operation == null) {
            throw new MalformedDatagramException(MalformedDatagramException.Kind.WRONG_IDENTIFIER,
                    "unknown operation " + in.getInt(8));
        }
        return new Handshaker(in.getInt(0), in.getInt(4), operation);
    }
}
