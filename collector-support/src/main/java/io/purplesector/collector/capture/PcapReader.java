package io.purplesector.collector.capture;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads the UDP datagrams of a classic pcap file, whoever wrote it: this collector, tcpdump or
 * Wireshark ("pcap" format), either byte order, micro- or nanosecond timestamps; link types
 * Ethernet (VLAN tags included), raw IP, Linux cooked (v1 and v2) and BSD loopback; IPv4 and
 * IPv6. Anything else in the file (TCP, ARP, fragments) is skipped and counted.
 */
public final class PcapReader implements AutoCloseable {

    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;
    private static final int MAGIC_PCAPNG = 0x0a0d0d0a;
    private static final int MAX_RECORD = 256 * 1024;

    private final DataInputStream in;
    private final ByteOrder order;
    private final boolean nanos;
    private final int linkType;
    private long skipped;

    public PcapReader(Path file) throws IOException {
        this(Files.newInputStream(file));
    }

    PcapReader(InputStream stream) throws IOException {
        this.in = new DataInputStream(new BufferedInputStream(stream));
        byte[] header = new byte[24];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            throw new PcapFormatException("Not a pcap file: shorter than a pcap header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN);
        int magic = buffer.getInt(0);
        if (magic == MAGIC_PCAPNG) {
            throw new PcapFormatException("This is a pcapng file; save it as pcap (Wireshark: File > Save As > "
                    + "\"Wireshark/tcpdump - pcap\", or editcap -F pcap in.pcapng out.pcap)");
        }
        if (magic == MAGIC_MICROS || magic == MAGIC_NANOS) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICROS || Integer.reverseBytes(magic) == MAGIC_NANOS) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            throw new PcapFormatException(String.format("Not a pcap file (starts with 0x%08x)", magic));
        }
        buffer.order(order);
        nanos = buffer.getInt(0) == MAGIC_NANOS;
        linkType = buffer.getInt(20) & 0x0FFFFFFF;
        if (offsetToIp(linkType, ByteBuffer.allocate(32)) == UNSUPPORTED) {
            throw new PcapFormatException("Link type " + linkType + " is not supported (Ethernet, raw IP, "
                    + "Linux cooked capture and loopback are)");
        }
    }

    /** Records that were not UDP datagrams (other protocols, fragments, truncated captures). */
    public long skipped() {
        return skipped;
    }

    /** The next UDP datagram, or null at the end of the file. */
    public @Nullable CapturedDatagram next() throws IOException {
        byte[] header = new byte[16];
        while (true) {
            try {
                in.readFully(header);
            } catch (EOFException e) {
                return null;
            }
            ByteBuffer fields = ByteBuffer.wrap(header).order(order);
            long seconds = Integer.toUnsignedLong(fields.getInt(0));
            long fraction = Integer.toUnsignedLong(fields.getInt(4));
            int captured = fields.getInt(8);
            int original = fields.getInt(12);
            if (captured < 0 || captured > MAX_RECORD) {
                throw new PcapFormatException("A record of " + captured + " bytes: the file is damaged");
            }
            byte[] data = new byte[captured];
            try {
                in.readFully(data);
            } catch (EOFException e) {
                // A capture cut short (the recorder was killed): what came before is good.
                return null;
            }
            long micros = seconds * 1_000_000 + (nanos ? fraction / 1000 : fraction);
            CapturedDatagram datagram = captured == original ? udp(micros, ByteBuffer.wrap(data)) : null;
            if (datagram != null) {
                return datagram;
            }
            skipped++;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static final int UNSUPPORTED = -2;
    private static final int NOT_IP = -1;

    /** Where the IP header starts in a record of this link type, NOT_IP, or UNSUPPORTED. */
    private static int offsetToIp(int linkType, ByteBuffer frame) {
        ByteBuffer be = frame.duplicate().order(ByteOrder.BIG_ENDIAN);
        return switch (linkType) {
            case 1 -> ethernet(be);
            case 101, 12, 14 -> 0;
            case 113 -> be.limit() >= 16 && isIp(be.getShort(14)) ? 16 : NOT_IP;
            case 276 -> be.limit() >= 20 && isIp(be.getShort(0)) ? 20 : NOT_IP;
            case 0 -> 4;
            default -> UNSUPPORTED;
        };
    }

    private static int ethernet(ByteBuffer frame) {
        int offset = 12;
        while (frame.limit() >= offset + 2 && (frame.getShort(offset) & 0xFFFF) == 0x8100) {
            offset += 4;
        }
        return frame.limit() >= offset + 2 && isIp(frame.getShort(offset)) ? offset + 2 : NOT_IP;
    }

    private static boolean isIp(short etherType) {
        return (etherType & 0xFFFF) == 0x0800 || (etherType & 0xFFFF) == 0x86DD;
    }

    private @Nullable CapturedDatagram udp(long micros, ByteBuffer frame) {
        int ip = offsetToIp(linkType, frame);
        if (ip < 0 || frame.limit() < ip + 1) {
            return null;
        }
        ByteBuffer be = frame.order(ByteOrder.BIG_ENDIAN);
        int version = (be.get(ip) & 0xF0) >> 4;
        int udp;
        if (version == 4) {
            if (frame.limit() < ip + 20 || be.get(ip + 9) != 17 || (be.getShort(ip + 6) & 0x3FFF) != 0) {
                return null;
            }
            udp = ip + (be.get(ip) & 0x0F) * 4;
        } else if (version == 6) {
            if (frame.limit() < ip + 40 || be.get(ip + 6) != 17) {
                return null;
            }
            udp = ip + 40;
        } else {
            return null;
        }
        if (frame.limit() < udp + 8) {
            return null;
        }
        int length = be.getShort(udp + 4) & 0xFFFF;
        if (length < 8 || udp + length > frame.limit()) {
            return null;
        }
        return new CapturedDatagram(micros, be.getShort(udp) & 0xFFFF, be.getShort(udp + 2) & 0xFFFF,
                ByteBuffer.wrap(frame.array(), udp + 8, length - 8).slice());
    }
}
