package io.purplesector.dbconsumer.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.purplesector.telemetry.proto.Flag;
import io.purplesector.telemetry.proto.LapCompleted;
import io.purplesector.telemetry.proto.PitState;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.Wheels;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The wire reader against protobuf-java's own parser, on random frames and random damage. */
class FrameDecoderTest {

    private final FrameDecoder decoder = new FrameDecoder();
    private final SplittableRandom random = new SplittableRandom(2026);

    @Test
    void readsEveryFieldOfRandomFramesAsTheGeneratedParserDoes() throws Exception {
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = TelemetryRecord.newBuilder().setFrame(randomFrame()).build().toByteArray();
            assertSameAsParser(bytes);
        }
    }

    @Test
    void damagedBytesAreRefusedWheneverTheParserRefusesThem() throws Exception {
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = TelemetryRecord.newBuilder().setFrame(randomFrame()).build().toByteArray();
            byte[] damaged = random.nextBoolean()
                    ? Arrays.copyOf(bytes, random.nextInt(bytes.length))
                    : flipSomeBytes(bytes);
            TelemetryRecord parsed;
            try {
                parsed = TelemetryRecord.parseFrom(damaged);
            } catch (InvalidProtocolBufferException e) {
                refused++;
                assertRefused(damaged);
                continue;
            }
            if (parsed.hasFrame() && parsed.getPayloadCase() == TelemetryRecord.PayloadCase.FRAME) {
                assertSameAsParser(damaged);
            }
        }
        assertThat(refused).as("damage the parser refuses").isGreaterThan(1000);
    }

    @Test
    void aKnownFieldWithAnotherWireTypeIsSkippedAsAnUnknownOneAndSoAreNewFields() throws Exception {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(frame);
        out.writeUInt64(TelemetryFrame.SPEED_FIELD_NUMBER, 99); // speed is a float: this is not it
        out.writeFloat(TelemetryFrame.THROTTLE_FIELD_NUMBER, 0.5f);
        out.writeString(999, "a field from a newer schema");
        out.writeFixed32(TelemetryFrame.GEAR_FIELD_NUMBER, 7); // gear is a varint
        out.flush();
        byte[] record = envelope(frame.toByteArray());

        assertSameAsParser(record);
        assertThat(decoder.frame().getFloat(Channel.SPEED)).isZero();
        assertThat(decoder.frame().getFloat(Channel.THROTTLE)).isEqualTo(0.5f);
    }

    @Test
    void aPerWheelSetSentTwiceIsMergedAndAFrameSentTwiceToo() throws Exception {
        TelemetryFrame first = TelemetryFrame.newBuilder().setSpeed(100)
                .setTyrePressure(Wheels.newBuilder().setFrontLeft(1.5f).setRearRight(2.5f)).build();
        TelemetryFrame second = TelemetryFrame.newBuilder().setGear(3)
                .setTyrePressure(Wheels.newBuilder().setFrontLeft(1.7f)).build();
        byte[] record = concat(TelemetryRecord.newBuilder().setFrame(first).build().toByteArray(),
                TelemetryRecord.newBuilder().setFrame(second).build().toByteArray());

        assertSameAsParser(record);
        assertThat(List.of(0, 1, 2, 3)).extracting(wheel -> decoder.frame().getWheel(Channel.TYRE_PRESSURE, wheel))
                .containsExactly(1.7f, 0f, 0f, 2.5f);
        assertThat(decoder.frame().getFloat(Channel.SPEED)).isEqualTo(100);
    }

    @Test
    void recordsThatAreNotALoneFrameAreLeftToTheParser() throws Exception {
        assertThat(decoder.decodeFrame(TelemetryRecord.newBuilder()
                .setLapCompleted(LapCompleted.newBuilder().setLapNumber(3)).build().toByteArray())).isFalse();
        assertThat(decoder.decodeFrame(new byte[0])).isFalse();
        byte[] frameThenLap = concat(TelemetryRecord.newBuilder().setFrame(randomFrame()).build().toByteArray(),
                TelemetryRecord.newBuilder().setLapCompleted(LapCompleted.newBuilder().setLapNumber(1)).build().toByteArray());
        assertThat(decoder.decodeFrame(frameThenLap)).isFalse();
    }

    @Test
    void invalidUtf8InAStringIsRefusedAsTheParserRefusesIt() {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(TelemetryFrame.SESSION_ID_FIELD_NUMBER << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED);
        frame.write(2);
        frame.write(0xC3);
        frame.write(0x28);
        byte[] record = envelope(frame.toByteArray());

        assertThatThrownBy(() -> TelemetryRecord.parseFrom(record)).isInstanceOf(InvalidProtocolBufferException.class);
        assertRefused(record);
    }

    private void assertSameAsParser(byte[] bytes) throws Exception {
        TelemetryFrame parsed = TelemetryRecord.parseFrom(bytes).getFrame();
        assertThat(decoder.decodeFrame(bytes)).isTrue();
        FrameFields expected = new FrameFields().copyOf(parsed);
        assertThat(decoder.frame().sameAs(expected)).as("%s as %s", decoder.frame(), expected).isTrue();
    }

    private void assertRefused(byte[] bytes) {
        try {
            assertThat(decoder.decodeFrame(bytes)).as("a frame the parser refuses").isFalse();
        } catch (InvalidProtocolBufferException expected) {
            // refused, as it should be
        }
    }

    private TelemetryFrame randomFrame() {
        TelemetryFrame.Builder frame = TelemetryFrame.newBuilder();
        if (random.nextBoolean()) {
            frame.setTimestamp(random.nextLong());
        }
        frame.setSpeed(randomFloat()).setThrottle(randomFloat()).setBrake(randomFloat()).setSteering(randomFloat())
                .setGear(random.nextInt(-1, 9)).setRpm(random.nextInt()).setNormalizedPosition(randomFloat())
                .setLapNumber(random.nextInt(0, 100)).setLapTime(random.nextInt()).setSessionType(random.nextInt(0, 10))
                .setTrackPosition(random.nextInt()).setDelta(random.nextInt()).setSequence(random.nextLong())
                .setClutch(randomFloat()).setEngineRpm(randomFloat()).setRawGear(random.nextInt())
                .setLimiterActive(random.nextBoolean()).setWorldX(randomFloat()).setWorldY(randomFloat())
                .setWorldZ(randomFloat()).setGLateral(randomFloat()).setGLongitudinal(randomFloat())
                .setGVertical(randomFloat()).setFuel(randomFloat()).setAbsEnabled(random.nextBoolean())
                .setAbsActive(random.nextBoolean()).setTcEnabled(random.nextBoolean()).setTcActive(random.nextBoolean())
                .setPitStateValue(random.nextInt(0, 6)).setFlagValue(random.nextInt(0, Flag.values().length + 2))
                .setSector(random.nextInt(0, 4)).setLastLapTime(random.nextInt()).setBestLapTime(random.nextInt())
                .setSessionId("session-" + random.nextInt()).setUserId(random.nextBoolean() ? "ü-" + random.nextInt() : "");
        if (random.nextBoolean()) {
            frame.setSessionTime(randomFloat());
        }
        if (random.nextBoolean()) {
            frame.setLapValid(random.nextBoolean());
        }
        if (random.nextBoolean()) {
            frame.setTyrePressure(randomWheels()).setBrakeTemperature(randomWheels()).setTyreLoad(randomWheels());
        }
        if (random.nextBoolean()) {
            frame.setTyreCoreTemperature(randomWheels()).setWheelSlip(randomWheels())
                    .setWheelAngularSpeed(randomWheels()).setSuspensionTravel(randomWheels());
        }
        if (random.nextBoolean()) {
            frame.setSlipAngle(randomWheels()).setSlipAngleContactPatch(randomWheels()).setSlipRatio(randomWheels())
                    .setNormalizedSlip(randomWheels()).setTyreLateralGrip(randomWheels())
                    .setSelfAligningTorque(randomWheels()).setTyreDirt(randomWheels()).setCamber(randomWheels())
                    .setTyreRadius(randomWheels()).setTyreLoadedRadius(randomWheels())
                    .setCgHeight(randomFloat()).setCarSlope(randomFloat());
        }
        if (random.nextInt(10) == 0) {
            frame.setPitState(PitState.PIT_BOX);
        }
        return frame.build();
    }

    private Wheels randomWheels() {
        return Wheels.newBuilder().setFrontLeft(randomFloat()).setFrontRight(randomFloat())
                .setRearLeft(randomFloat()).setRearRight(randomFloat()).build();
    }

    private float randomFloat() {
        return switch (random.nextInt(20)) {
            case 0 -> Float.NaN;
            case 1 -> Float.POSITIVE_INFINITY;
            case 2 -> 0f;
            default -> (float) random.nextDouble(-1e4, 1e4);
        };
    }

    private byte[] flipSomeBytes(byte[] bytes) {
        byte[] damaged = bytes.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
            damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
        }
        return damaged;
    }

    private static byte[] envelope(byte[] frame) {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(TelemetryRecord.FRAME_FIELD_NUMBER << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED);
        record.write(frame.length);
        record.writeBytes(frame);
        return record.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
