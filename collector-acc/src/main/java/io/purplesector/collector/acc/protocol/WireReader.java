package io.purplesector.collector.acc.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the broadcasting protocol's primitives in order (B.2): little-endian, no padding, strings
 * as a u16 byte length then UTF-8. Every read checks what is left first; a datagram that ends
 * early, or a string that is not UTF-8, stops the read with {@link Stop}, which
 * {@link BroadcastingDecoder} turns into a {@code Malformed} value: it never leaves the decoder.
 */
final class WireReader {

    /** Why reading stopped; only {@link BroadcastingDecoder} sees it. */
    static final class Stop extends RuntimeException {

        final Malformation reason;

        Stop(Malformation reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private final ByteBuffer in;

    WireReader(ByteBuffer datagram) {
        this.in = datagram.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    int position() {
        return in.position();
    }

    int remaining() {
        return in.remaining();
    }

    int u8() {
        need(1, "a byte");
        return Byte.toUnsignedInt(in.get());
    }

    boolean bool() {
        return u8() != 0;
    }

    int u16() {
        need(2, "a u16");
        return Short.toUnsignedInt(in.getShort());
    }

    int i32() {
        need(4, "an i32");
        return in.getInt();
    }

    float f32() {
        need(4, "an f32");
        return in.getFloat();
    }

    String string() {
        int length = u16();
        need(length, "a string of " + length + " bytes");
        ByteBuffer bytes = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new Stop(Malformation.BAD_TEXT, "a string that is not UTF-8 at byte " + (in.position() - length));
        }
    }

    /** The message must end here: ACC sends one message per datagram, nothing after it. */
    void end() {
        if (in.hasRemaining()) {
            throw new Stop(Malformation.TRAILING_BYTES, in.remaining() + " bytes after the message's end");
        }
    }

    private void need(int bytes, String what) {
        if (in.remaining() < bytes) {
            throw new Stop(Malformation.TRUNCATED, "the datagram ends at byte " + in.position() + " before " + what);
        }
    }
}
