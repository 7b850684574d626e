package io.purplesector.collector.acc.sharedmemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The pages' primitives (C.1): 4-byte little-endian ints and floats at fixed offsets, [4] arrays
 * per wheel, and fixed-length UTF-16LE text cut at its first NUL. Reads are absolute, so a page
 * is read in any order and the caller's buffer position is left alone.
 */
final class PageFields {

    private PageFields() {
    }

    /** The page's bytes, little-endian, checked to hold at least the struct. */
    static ByteBuffer of(ByteBuffer page, Page kind) {
        if (page.remaining() < kind.size()) {
            throw new IllegalArgumentException(
                    kind + " needs " + kind.size() + " bytes, the page has " + page.remaining());
        }
        return page.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    static Wheels wheels(ByteBuffer page, int offset) {
        return new Wheels(page.getFloat(offset), page.getFloat(offset + 4), page.getFloat(offset + 8),
                page.getFloat(offset + 12));
    }

    static Vector3 vector(ByteBuffer page, int offset) {
        return new Vector3(page.getFloat(offset), page.getFloat(offset + 4), page.getFloat(offset + 8));
    }

    static boolean flag(ByteBuffer page, int offset) {
        return page.getInt(offset) != 0;
    }

    /**
     * {@code units} UTF-16LE code units from {@code offset}, up to the first U+0000. An unpaired
     * surrogate becomes U+FFFD, as the JDK decodes it: text is shown, never trusted.
     */
    static String text(ByteBuffer page, int offset, int units) {
        int length = 0;
        while (length < units && page.getChar(offset + 2 * length) != 0) {
            length++;
        }
        byte[] bytes = new byte[2 * length];
        page.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_16LE);
    }
}
