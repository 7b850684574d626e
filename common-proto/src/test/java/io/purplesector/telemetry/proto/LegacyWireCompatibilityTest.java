package io.purplesector.telemetry.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The earlier implementation's web frontend must decode what the bridge sends, and we must decode
 * what it wrote. The bytes here are written by hand from the documented field numbers and wire
 * types of that schema, independently of the generated code.
 */
class LegacyWireCompatibilityTest {

    private static final int VARINT = WireFormat.WIRETYPE_VARINT;
    private static final int FIXED32 = WireFormat.WIRETYPE_FIXED32;
    private static final int LENGTH_DELIMITED = WireFormat.WIRETYPE_LENGTH_DELIMITED;

    @Test
    void decodesFrameWrittenWithTheEarlierFieldNumbers() throws IOException {
        TelemetryFrame frame = TelemetryFrame.parseFrom(legacyFrameBytes());

        assertThat(frame.getTimestamp()).isEqualTo(1_700_000_123_456L);
        assertThat(frame.getSpeed()).isEqualTo(209.45f);
        assertThat(frame.getThrottle()).isEqualTo(1.0f);
        assertThat(frame.getBrake()).isEqualTo(0.25f);
        assertThat(frame.getSteering()).isEqualTo(-0.5f);
        assertThat(frame.getGear()).isEqualTo(5);
        assertThat(frame.getRpm()).isEqualTo(6833);
        assertThat(frame.getNormalizedPosition()).isEqualTo(0.75f);
        assertThat(frame.getLapNumber()).isEqualTo(2);
        assertThat(frame.getLapTime()).isEqualTo(77_288);
        assertThat(frame.hasSessionTime()).isTrue();
        assertThat(frame.getSessionTime()).isEqualTo(154.5f);
        assertThat(frame.getSessionType()).isEqualTo(SessionType.RACE_VALUE);
        assertThat(frame.getTrackPosition()).isEqualTo(3);
        assertThat(frame.getDelta()).isEqualTo(-120);
    }

    @Test
    void decodesWebSocketMessageWrittenWithTheEarlierFieldNumbers() throws IOException {
        byte[] status = new Fields()
                .string(1, "demo started")
                .varint(2, 1_700_000_000_000L)
                .bytes();
        byte[] bytes = new Fields()
                .varint(1, MessageType.TELEMETRY_VALUE)
                .message(2, legacyFrameBytes())
                .message(3, status)
                .bytes();

        WebSocketMessage message = WebSocketMessage.parseFrom(bytes);

        assertThat(message.getType()).isEqualTo(MessageType.TELEMETRY);
        assertThat(message.getTelemetry().getSpeed()).isEqualTo(209.45f);
        assertThat(message.getStatus().getMessage()).isEqualTo("demo started");
        assertThat(message.getStatus().getTimestamp()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void messageTypeNumbersAreTheEarlierOnes() {
        assertThat(MessageType.UNKNOWN_VALUE).isZero();
        assertThat(MessageType.CONNECTED_VALUE).isEqualTo(1);
        assertThat(MessageType.TELEMETRY_VALUE).isEqualTo(2);
        assertThat(MessageType.START_DEMO_VALUE).isEqualTo(3);
        assertThat(MessageType.STOP_DEMO_VALUE).isEqualTo(4);
        assertThat(MessageType.DEMO_COMPLETE_VALUE).isEqualTo(5);
        assertThat(MessageType.PING_VALUE).isEqualTo(6);
        assertThat(MessageType.PONG_VALUE).isEqualTo(7);
    }

    @Test
    void writesTheEarlierFieldsWithTheEarlierNumbersAndWireTypes() throws IOException {
        byte[] bytes = TelemetryFrame.newBuilder()
                .setTimestamp(1_700_000_123_456L).setSpeed(209.45f).setThrottle(1.0f).setBrake(0.25f)
                .setSteering(-0.5f).setGear(5).setRpm(6833).setNormalizedPosition(0.75f)
                .setLapNumber(2).setLapTime(77_288).setSessionTime(154.5f)
                .setSessionType(SessionType.RACE_VALUE).setTrackPosition(3).setDelta(-120)
                .setSessionId("s-1").setEngineRpm(6832.7f)
                .build().toByteArray();

        Map<Integer, Object> fields = readFields(bytes);

        assertThat(fields).containsEntry(1, 1_700_000_123_456L)
                .containsEntry(2, 209.45f)
                .containsEntry(3, 1.0f)
                .containsEntry(4, 0.25f)
                .containsEntry(5, -0.5f)
                .containsEntry(6, 5L)
                .containsEntry(7, 6833L)
                .containsEntry(8, 0.75f)
                .containsEntry(9, 2L)
                .containsEntry(10, 77_288L)
                .containsEntry(11, 154.5f)
                .containsEntry(12, (long) SessionType.RACE_VALUE)
                .containsEntry(13, 3L);
        // int32 -120 travels as a ten-byte varint, as every proto3 reader expects.
        assertThat((long) fields.get(14)).isEqualTo(-120L);
        // Fields the earlier frontend does not know come after its own and are skipped by it.
        assertThat((float) fields.get(19)).isCloseTo(6832.7f, within(0.001f));
    }

    private static byte[] legacyFrameBytes() {
        return new Fields()
                .varint(1, 1_700_000_123_456L)
                .float32(2, 209.45f)
                .float32(3, 1.0f)
                .float32(4, 0.25f)
                .float32(5, -0.5f)
                .varint(6, 5)
                .varint(7, 6833)
                .float32(8, 0.75f)
                .varint(9, 2)
                .varint(10, 77_288)
                .float32(11, 154.5f)
                .varint(12, 3)
                .varint(13, 3)
                .varint(14, -120)
                .bytes();
    }

    /** Field number to value: varints as long, fixed32 as float, length-delimited as bytes. */
    private static Map<Integer, Object> readFields(byte[] bytes) throws IOException {
        Map<Integer, Object> fields = new HashMap<>();
        CodedInputStream input = CodedInputStream.newInstance(bytes);
        for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
            int number = WireFormat.getTagFieldNumber(tag);
            switch (WireFormat.getTagWireType(tag)) {
                case VARINT -> fields.put(number, input.readRawVarint64());
                case FIXED32 -> fields.put(number, Float.intBitsToFloat(input.readRawLittleEndian32()));
                case LENGTH_DELIMITED -> fields.put(number, input.readByteArray());
                default -> throw new AssertionError("unexpected wire type in tag " + tag);
            }
        }
        return fields;
    }

    /** A protobuf encoder written out by hand: tag = field number << 3 | wire type. */
    private static final class Fields {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Fields varint(int field, long value) {
            tag(field, VARINT);
            rawVarint(value);
            return this;
        }

        Fields float32(int field, float value) {
            tag(field, FIXED32);
            int bits = Float.floatToIntBits(value);
            for (int shift = 0; shift < 32; shift += 8) {
                out.write((bits >>> shift) & 0xFF);
            }
            return this;
        }

        Fields string(int field, String value) {
            return message(field, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        Fields message(int field, byte[] value) {
            tag(field, LENGTH_DELIMITED);
            rawVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            rawVarint((long) field << 3 | wireType);
        }

        private void rawVarint(long value) {
            long remaining = value;
            while ((remaining & ~0x7FL) != 0) {
                out.write((int) ((remaining & 0x7F) | 0x80));
                remaining >>>= 7;
            }
            out.write((int) remaining);
        }
    }
}
