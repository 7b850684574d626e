package io.purplesector.collector.acc.sharedmemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bytes of a page written as the game writes them, value by value at the offsets that
 * game-protocols.md C.2–C.4 give (written out here as numbers, not taken from the decoders, so
 * that a wrong constant in a decoder fails its test).
 */
public final class PageImage {

    private final ByteBuffer bytes;

    private PageImage(int size) {
        this.bytes = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** An empty page of the struct's size. */
    public static PageImage of(Page page) {
        return new PageImage(page.size());
    }

    /** An empty page of any size, as a bridge's larger file. */
    public static PageImage ofSize(int size) {
        return new PageImage(size);
    }

    public PageImage i32(int offset, int value) {
        bytes.putInt(offset, value);
        return this;
    }

    public PageImage f32(int offset, float value) {
        bytes.putFloat(offset, value);
        return this;
    }

    /** Four floats from {@code offset}: front-left, front-right, rear-left, rear-right. */
    public PageImage wheels(int offset, float frontLeft, float frontRight, float rearLeft, float rearRight) {
        return f32(offset, frontLeft).f32(offset + 4, frontRight).f32(offset + 8, rearLeft).f32(offset + 12, rearRight);
    }

    public PageImage vector(int offset, float x, float y, float z) {
        return f32(offset, x).f32(offset + 4, y).f32(offset + 8, z);
    }

    /** UTF-16LE text in a wchar[units] field, NUL-padded (the field is cleared first). */
    public PageImage text(int offset, int units, String value) {
        for (int unit = 0; unit < units; unit++) {
            bytes.putChar(offset + 2 * unit, '\0');
        }
        byte[] encoded = value.getBytes(StandardCharsets.UTF_16LE);
        bytes.put(offset, encoded, 0, Math.min(encoded.length, 2 * units));
        return this;
    }

    public ByteBuffer buffer() {
        return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    public byte[] array() {
        return bytes.array().clone();
    }
}
