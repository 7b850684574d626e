package io.purplesector.dbconsumer.store;

import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary COPY format, built in memory: a header, per row a field count and
 * length-prefixed big-endian values, a trailer. Sent and drained piece by piece; the memory is
 * kept and reused.
 */
final class CopyBuffer {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** PostgreSQL counts time from 2000-01-01T00:00:00Z, in microseconds. */
    private static final long POSTGRES_EPOCH_MILLIS = 946_684_800_000L;

    private byte[] bytes = new byte[1 << 16];
    private int size;

    /** Empties the buffer and writes the stream's header. */
    void start() {
        size = 0;
        ensure(SIGNATURE.length + 8);
        System.arraycopy(SIGNATURE, 0, bytes, 0, SIGNATURE.length);
        size = SIGNATURE.length;
        putInt(0); // flags: no OIDs
        putInt(0); // header extension length
    }

    void row(int fields) {
        ensure(2);
        putShort(fields);
    }

    void int4(int value) {
        ensure(8);
        putInt(4);
        putInt(value);
    }

    void int8(long value) {
        ensure(12);
        putInt(8);
        putLong(value);
    }

    void float4(float value) {
        ensure(8);
        putInt(4);
        putInt(Float.floatToRawIntBits(value));
    }

    void bool(boolean value) {
        ensure(5);
        putInt(1);
        bytes[size++] = (byte) (value ? 1 : 0);
    }

    void timestamptz(long epochMillis) {
        int8((epochMillis - POSTGRES_EPOCH_MILLIS) * 1000);
    }

    void nullValue() {
        ensure(4);
        putInt(-1);
    }

    /** Writes the trailer; the buffer then holds a complete COPY stream. */
    void finish() {
        ensure(2);
        putShort(-1);
    }

    /** Forgets what was written (after it was sent), keeping the memory. */
    void drain() {
        size = 0;
    }

    byte[] bytes() {
        return bytes;
    }

    int size() {
        return size;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    private void putShort(int value) {
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void putInt(int value) {
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }
}
