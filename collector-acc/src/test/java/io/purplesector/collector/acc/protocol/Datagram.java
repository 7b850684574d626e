package io.purplesector.collector.acc.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes a datagram as ACC does, field by field: for the decoder's tests and the simulator. */
public final class Datagram {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static Datagram of(int type) {
        return new Datagram().u8(type);
    }

    public Datagram u8(int value) {
        out.write(value);
        return this;
    }

    public Datagram u16(int value) {
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
        return this;
    }

    public Datagram i32(int value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        return this;
    }

    public Datagram f32(float value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
        return this;
    }

    public Datagram string(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        u16(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    public Datagram raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A lap record (B.5). */
    public Datagram lap(int lapTime, int car, int driver, List<Integer> splits, boolean invalid, boolean validForBest,
            boolean outLap, boolean inLap) {
        i32(lapTime).u16(car).u16(driver).u8(splits.size());
        splits.forEach(this::i32);
        return u8(invalid ? 1 : 0).u8(validForBest ? 1 : 0).u8(outLap ? 1 : 0).u8(inLap ? 1 : 0);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }
}
