package io.purplesector.collector.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatagramRecorderTest {

    private static final InetSocketAddress GAME = new InetSocketAddress("127.0.0.1", 9996);
    private static final InetSocketAddress COLLECTOR = new InetSocketAddress("127.0.0.1", 50_000);

    @TempDir
    Path directory;

    @Test
    void whatIsRecordedReadsBackAsTheGameSentItAndThePayloadIsLeftForTheDecoder() throws IOException {
        Path file = directory.resolve("session.pcap");
        ByteBuffer payload = ByteBuffer.wrap("car info".getBytes(StandardCharsets.UTF_8));

        try (DatagramRecorder recorder = DatagramRecorder.pcap(file)) {
            assertThat(recorder.recording()).isTrue();
            recorder.received(1_800_000_000_123L, GAME, COLLECTOR, payload);
        }

        assertThat(payload.remaining()).as("the decoder still reads the whole datagram").isEqualTo(8);
        try (PcapReader reader = new PcapReader(file)) {
            CapturedDatagram datagram = reader.next();
            assertThat(datagram.timestampMillis()).isEqualTo(1_800_000_000_123L);
            assertThat(datagram.sourcePort()).isEqualTo(9996);
            assertThat(datagram.destinationPort()).isEqualTo(50_000);
            assertThat(StandardCharsets.UTF_8.decode(datagram.payload()).toString()).isEqualTo("car info");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void withoutARecordingNothingIsWritten() throws IOException {
        try (DatagramRecorder recorder = DatagramRecorder.none()) {
            assertThat(recorder.recording()).isFalse();
            recorder.received(1, GAME, COLLECTOR, ByteBuffer.allocate(3));
        }
        assertThat(directory).isEmptyDirectory();
    }
}
