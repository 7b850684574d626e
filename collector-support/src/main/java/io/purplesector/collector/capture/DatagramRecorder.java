package io.purplesector.collector.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where a collector's game link puts every datagram it receives when asked to record
 * ({@code --record <file.pcap>}): a pcap file, or nowhere. The link calls it for each datagram
 * before decoding it, so a recording holds what the game sent, malformed datagrams included, and
 * replays through the same path.
 */
public final class DatagramRecorder implements AutoCloseable {

    private static final DatagramRecorder NONE = new DatagramRecorder(null);

    private final @Nullable PcapWriter pcap;

    private DatagramRecorder(@Nullable PcapWriter pcap) {
        this.pcap = pcap;
    }

    /** Records nothing. */
    public static DatagramRecorder none() {
        return NONE;
    }

    /** Records to a new pcap file (an existing one is replaced). */
    public static DatagramRecorder pcap(Path file) throws IOException {
        return new DatagramRecorder(new PcapWriter(file));
    }

    public boolean recording() {
        return pcap != null;
    }

    /**
     * Records one datagram {@code to} received from {@code from} at {@code atMillis}; the payload's
     * position is left alone.
     *
     * @throws UncheckedIOException when the file cannot be written (a full disk): a recording asked
     *         for and silently cut short would mislead whoever replays it
     */
    public void received(long atMillis, InetSocketAddress from, InetSocketAddress to, ByteBuffer payload) {
        if (pcap == null) {
            return;
        }
        try {
            pcap.write(atMillis * 1000, from, to, payload);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the recording", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (pcap != null) {
            pcap.close();
        }
    }
}
