package io.purplesector.collector.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Captures as tcpdump and Wireshark write them, built byte by byte, and as this collector writes them. */
class PcapReaderTest {

    @TempDir
    Path directory;

    @Test
    void readsWhatTheCollectorRecorded() throws IOException {
        Path file = directory.resolve("recorded.pcap");
        try (PcapWriter writer = new PcapWriter(file)) {
            writer.write(1_700_000_000_123_456L, new InetSocketAddress("192.168.1.20", 9996),
                    new InetSocketAddress("192.168.1.30", 50123), ByteBuffer.wrap(bytes("first")));
            writer.write(1_700_000_000_126_000L, new InetSocketAddress("192.168.1.20", 9996),
                    new InetSocketAddress("192.168.1.30", 50124), ByteBuffer.wrap(bytes("second")));
        }
        try (PcapReader reader = new PcapReader(file)) {
            CapturedDatagram first = reader.next();
            assertThat(first.timestampMicros()).isEqualTo(1_700_000_000_123_456L);
            assertThat(first.timestampMillis()).isEqualTo(1_700_000_000_123L);
            assertThat(first.sourcePort()).isEqualTo(9996);
            assertThat(first.destinationPort()).isEqualTo(50123);
            assertThat(text(first.payload())).isEqualTo("first");
            assertThat(text(reader.next().payload())).isEqualTo("second");
            assertThat(reader.next()).isNull();
        }
    }

    /** Big-endian, nanosecond timestamps, Ethernet with a VLAN tag; TCP, a fragment and IPv6 UDP among them. */
    @Test
    void readsATcpdumpStyleEthernetCaptureAndSkipsWhatIsNotUdp() throws IOException {
        ByteArrayOutputStream capture = new ByteArrayOutputStream();
        capture.write(ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN).putInt(0xa1b23c4d).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1).array());
        record(capture, 5, 250_000_000, ethernet(true, 0x0800, ipv4(17, 0, udp(9996, 40000, bytes("car data")))));
        record(capture, 5, 260_000_000, ethernet(false, 0x0800, ipv4(6, 0, new byte[20])));
        record(capture, 5, 270_000_000, ethernet(false, 0x0800, ipv4(17, 0x2000, udp(9996, 40000, bytes("frag")))));
        record(capture, 5, 280_000_000, ethernet(false, 0x86DD, ipv6(udp(9996, 40001, bytes("over v6")))));

        try (PcapReader reader = new PcapReader(new ByteArrayInputStream(capture.toByteArray()))) {
            CapturedDatagram first = reader.next();
            assertThat(first.timestampMicros()).isEqualTo(5_250_000L);
            assertThat(first.sourcePort()).isEqualTo(9996);
            assertThat(text(first.payload())).isEqualTo("car data");
            CapturedDatagram second = reader.next();
            assertThat(second.destinationPort()).isEqualTo(40001);
            assertThat(text(second.payload())).isEqualTo("over v6");
            assertThat(reader.next()).isNull();
            assertThat(reader.skipped()).isEqualTo(2);
        }
    }

    /** Real captures of every link type the reader takes (fixtures/pcap/README.md says how each was made). */
    @ParameterizedTest
    @ValueSource(strings = {"ethernet", "raw-ip", "linux-cooked-v1", "linux-cooked-v2", "linux-cooked-v2-nanoseconds",
        "loopback"})
    void readsTheUdpDatagramsOfEveryLinkTypeOverIpv4AndIpv6AndSkipsTheTcp(String linkType) throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/pcap/" + linkType + ".pcap").toURI());
        List<CapturedDatagram> datagrams = new ArrayList<>();
        try (PcapReader reader = new PcapReader(file)) {
            for (CapturedDatagram datagram = reader.next(); datagram != null; datagram = reader.next()) {
                datagrams.add(datagram);
            }
            assertThat(reader.skipped()).as("the TCP connection attempt and its reset").isEqualTo(2);
        }

        assertThat(datagrams).extracting(datagram -> StandardCharsets.UTF_8.decode(datagram.payload()).toString())
                .containsExactly("purple-sector fixture over IPv4", "purple-sector fixture over IPv6");
        assertThat(datagrams).allSatisfy(datagram -> assertThat(datagram.destinationPort()).isEqualTo(9996));
        assertThat(datagrams.get(1).timestampMicros()).isGreaterThan(datagrams.get(0).timestampMicros());
    }

    @Test
    void timestampsInMicroAndNanosecondsAreReadAsMicroseconds() throws Exception {
        assertThat(first("ethernet").timestampMicros()).isEqualTo(1_796_507_414_048_753L);
        assertThat(first("linux-cooked-v2-nanoseconds").timestampMicros()).isEqualTo(1_796_507_436_601_026L);
    }

    private CapturedDatagram first(String linkType) throws Exception {
        try (PcapReader reader = new PcapReader(
                Path.of(getClass().getResource("/fixtures/pcap/" + linkType + ".pcap").toURI()))) {
            return reader.next();
        }
    }

    @Test
    void aCaptureCutShortGivesWhatCameBeforeTheCut() throws IOException {
        Path file = directory.resolve("cut.pcap");
        try (PcapWriter writer = new PcapWriter(file)) {
            for (int i = 0; i < 3; i++) {
                writer.write(i, new InetSocketAddress("127.0.0.1", 9996), new InetSocketAddress("127.0.0.1", 1),
                        ByteBuffer.wrap(new byte[328]));
            }
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 100));
        try (PcapReader reader = new PcapReader(file)) {
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void otherFilesAreRefusedWithWhatToDo() throws IOException {
        Path pcapng = directory.resolve("capture.pcapng");
        Files.write(pcapng, ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN).putInt(0x0a0d0d0a).array());
        assertThatThrownBy(() -> new PcapReader(pcapng)).isInstanceOf(PcapFormatException.class)
                .hasMessageContaining("pcapng").hasMessageContaining("editcap -F pcap");
        Path text = directory.resolve("notes.txt");
        Files.writeString(text, "these are not packets, just some words");
        assertThatThrownBy(() -> new PcapReader(text)).isInstanceOf(PcapFormatException.class)
                .hasMessageStartingWith("Not a pcap file");
        Path empty = directory.resolve("empty.pcap");
        Files.write(empty, new byte[3]);
        assertThatThrownBy(() -> new PcapReader(empty)).isInstanceOf(PcapFormatException.class);
    }

    private static void record(ByteArrayOutputStream capture, int seconds, int nanos, byte[] frame) throws IOException {
        capture.write(ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putInt(seconds).putInt(nanos)
                .putInt(frame.length).putInt(frame.length).array());
        capture.write(frame);
    }

    private static byte[] ethernet(boolean vlan, int etherType, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(14 + (vlan ? 4 : 0) + payload.length).order(ByteOrder.BIG_ENDIAN);
        frame.put(new byte[12]);
        if (vlan) {
            frame.putShort((short) 0x8100).putShort((short) 7);
        }
        return frame.putShort((short) etherType).put(payload).array();
    }

    private static byte[] ipv4(int protocol, int flagsAndOffset, byte[] payload) {
        return ByteBuffer.allocate(20 + payload.length).order(ByteOrder.BIG_ENDIAN).put((byte) 0x45).put((byte) 0)
                .putShort((short) (20 + payload.length)).putShort((short) 1).putShort((short) flagsAndOffset)
                .put((byte) 64).put((byte) protocol).putShort((short) 0).putInt(0x0A000001).putInt(0x0A000002)
                .put(payload).array();
    }

    private static byte[] ipv6(byte[] payload) {
        return ByteBuffer.allocate(40 + payload.length).order(ByteOrder.BIG_ENDIAN).putInt(0x60000000)
                .putShort((short) payload.length).put((byte) 17).put((byte) 64).put(new byte[32]).put(payload).array();
    }

    private static byte[] udp(int source, int destination, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).order(ByteOrder.BIG_ENDIAN).putShort((short) source)
                .putShort((short) destination).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload).array();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
