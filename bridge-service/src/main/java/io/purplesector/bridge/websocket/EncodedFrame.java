package io.purplesector.bridge.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A server-to-client WebSocket frame, header and payload, encoded once in direct memory however
 * many clients it is written to. Each client's socket writes a view of the same bytes: no encoder
 * runs and no byte is copied per client. The bytes belong to the garbage collector, not to a
 * reference count, so a frame dropped from a full queue or left in a closed client's queue needs
 * no release.
 *
 * <p>Server frames are never masked (RFC 6455, 5.1), so the bytes are the same for every client.
 */
final class EncodedFrame {

    private static final int FINAL_FRAGMENT = 0x80;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int PING_OPCODE = 0x9;

    /** A ping with no payload, which the client answers with a pong (RFC 6455, 5.5.2). */
    static final EncodedFrame PING = new EncodedFrame(PING_OPCODE, new byte[0]);

    private final ByteBuf frame;
    private final int payloadBytes;

    private EncodedFrame(int opcode, byte[] payload) {
        int length = payload.length;
        int lengthBytes = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
        ByteBuffer bytes = ByteBuffer.allocateDirect(2 + lengthBytes + length);
        bytes.put((byte) (FINAL_FRAGMENT | opcode));
        // RFC 6455, 5.2: a 7-bit length, or 126 and a 16-bit one, or 127 and a 64-bit one.
        if (lengthBytes == 0) {
            bytes.put((byte) length);
        } else if (lengthBytes == 2) {
            bytes.put((byte) 126).putShort((short) length);
        } else {
            bytes.put((byte) 127).putLong(length);
        }
        bytes.put(payload).flip();
        this.frame = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes));
        this.payloadBytes = length;
    }

    static EncodedFrame binary(byte[] payload) {
        return new EncodedFrame(BINARY, payload);
    }

    static EncodedFrame text(String payload) {
        return new EncodedFrame(TEXT, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The frame's bytes for one client's socket: a view of its own, for the write to consume. */
    ByteBuf forClient() {
        return frame.duplicate();
    }

    int payloadBytes() {
        return payloadBytes;
    }
}
