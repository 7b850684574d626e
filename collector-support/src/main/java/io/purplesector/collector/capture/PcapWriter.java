package io.purplesector.collector.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes received datagrams to a classic pcap file (the format of tcpdump -w, read by
 * Wireshark and tshark): link type RAW, each datagram behind the IPv4 and UDP headers it came
 * with, microsecond timestamps. Each record is flushed, so a file cut short by a crash is still
 * readable up to its last datagram.
 */
public final class PcapWriter implements AutoCloseable {

    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int LINKTYPE_RAW = 101;
    private static final int SNAPLEN = 65535;

    private final OutputStream out;
    private final ByteBuffer record = ByteBuffer.allocate(16 + 28 + SNAPLEN).order(ByteOrder.LITTLE_ENDIAN);

    public PcapWriter(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file));
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(SNAPLEN).putInt(LINKTYPE_RAW);
        out.write(header.array());
        out.flush();
    }

    /** Writes one datagram that {@code to} received from {@code from} at {@code timestampMicros}. */
    public synchronized void write(long timestampMicros, InetSocketAddress from, InetSocketAddress to,
            ByteBuffer payload) throws IOException {
        int length = payload.remaining();
        record.clear().order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int) (timestampMicros / 1_000_000)).putInt((int) (timestampMicros % 1_000_000))
                .putInt(28 + length).putInt(28 + length);
        // IPv4 and UDP headers are big-endian ("network order").
        record.order(ByteOrder.BIG_ENDIAN);
        int ip = record.position();
        record.put((byte) 0x45).put((byte) 0).putShort((short) (28 + length)).putShort((short) 0)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(ipv4(from)).put(ipv4(to));
        record.putShort(ip + 10, checksum(record, ip));
        record.putShort((short) from.getPort()).putShort((short) to.getPort()).putShort((short) (8 + length))
                .putShort((short) 0);
        record.put(payload.duplicate());
        out.write(record.array(), 0, record.position());
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** The address's four bytes; anything that is not IPv4 (a capture has one header type) as 0.0.0.0. */
    private static byte[] ipv4(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address v4 ? v4.getAddress() : new byte[4];
    }

    private static short checksum(ByteBuffer header, int start) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += Short.toUnsignedInt(header.getShort(start + i));
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
