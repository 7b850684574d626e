package io.purplesector.collector.acc.replay;

import io.purplesector.collector.acc.sharedmemory.Page;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The shared-memory pages as recorded, one file beside the pcap of broadcasting
 * ({@code <recording>.pages}). The format, little-endian throughout:
 *
 * <pre>
 * header  8 bytes  "PSACCPG1"
 * entry   i64      capture time, microseconds since the epoch
 *         u8       page: 0 physics, 1 graphics, 2 static
 *         u32      length: the page's struct size (800, 1588, 820)
 *         bytes    the page as the game wrote it
 * </pre>
 *
 * A page is recorded when it changed: physics with every new packet id, graphics and static when
 * they changed since the last entry of theirs. Entries are in capture-time order.
 */
public final class PageRecording {

    static final byte[] MAGIC = "PSACCPG1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int ENTRY_HEADER = 13;

    private PageRecording() {
    }

    /** The pages file beside a recording. */
    public static Path beside(Path recording) {
        return recording.resolveSibling(recording.getFileName() + ".pages");
    }

    /** A recorded page. */
    public record Entry(long timestampMicros, Page page, ByteBuffer bytes) {
    }

    /** Writes entries; used by the link's thread only. */
    public static final class Writer implements AutoCloseable {

        private final OutputStream out;
        private final ByteBuffer header = ByteBuffer.allocate(ENTRY_HEADER).order(ByteOrder.LITTLE_ENDIAN);

        public Writer(Path file) throws IOException {
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            out.write(MAGIC);
        }

        /**
         * @throws UncheckedIOException when the file cannot be written: a recording asked for and
         *         silently cut short would mislead whoever replays it
         */
        public void write(long timestampMicros, Page page, ByteBuffer bytes) {
            header.clear();
            header.putLong(timestampMicros).put((byte) page.ordinal()).putInt(page.size());
            byte[] copy = new byte[page.size()];
            bytes.get(bytes.position(), copy);
            try {
                out.write(header.array());
                out.write(copy);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the page recording", e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reads entries back, checking each: a file that is not one, or is cut short, is said so. */
    public static final class Reader implements AutoCloseable {

        private final DataInputStream in;
        private final Path file;
        private final ByteBuffer header = ByteBuffer.allocate(ENTRY_HEADER).order(ByteOrder.LITTLE_ENDIAN);

        public Reader(Path file) throws IOException {
            this.file = file;
            InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            this.in = new DataInputStream(stream);
            byte[] magic = new byte[MAGIC.length];
            try {
                in.readFully(magic);
            } catch (EOFException e) {
                throw new IOException(file + " is not a page recording: it has no header");
            }
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a page recording: it does not start with PSACCPG1");
            }
        }

        /** The next entry, or null at the end of the file. */
        public @Nullable Entry next() throws IOException {
            header.clear();
            int read = in.readNBytes(header.array(), 0, ENTRY_HEADER);
            if (read == 0) {
                return null;
            }
            if (read < ENTRY_HEADER) {
                throw new IOException(file + " ends inside an entry's header");
            }
            long timestamp = header.getLong(0);
            int kind = Byte.toUnsignedInt(header.get(8));
            int length = header.getInt(9);
            if (kind >= Page.values().length) {
                throw new IOException(file + " has an entry of page " + kind + ", which is none of the three");
            }
            Page page = Page.values()[kind];
            if (length != page.size()) {
                throw new IOException(file + " has a " + page + " entry of " + length + " bytes, not " + page.size());
            }
            byte[] bytes = new byte[length];
            try {
                in.readFully(bytes);
            } catch (EOFException e) {
                throw new IOException(file + " ends inside a " + page + " page");
            }
            return new Entry(timestamp, page, ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
