package io.purplesector.collector.ac.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.collector.ac.protocol.AcEncoder;
import io.purplesector.collector.ac.protocol.CarInfo;
import io.purplesector.collector.ac.protocol.HandshakeResponse;
import io.purplesector.collector.ac.protocol.LapEvent;
import io.purplesector.collector.ac.protocol.Malformation;
import io.purplesector.collector.ac.protocol.SampleCars;
import io.purplesector.collector.ac.protocol.Wheels;
import io.purplesector.collector.plausibility.Plausibility;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.testsupport.BadInput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 120,000 datagrams that are not the game's, of every kind an untrusted UDP port sees, among the
 * car data of a session: none escapes as an exception, each is counted once under what is wrong
 * with it, none becomes a record, and car data after them still flows.
 */
@BadInput
class AcSessionsFuzzTest {

    private static final int PER_KIND = 20_000;

    private final AcEncoder encoder = new AcEncoder();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<TelemetryRecord> published = new ArrayList<>();
    private final AcSessions sessions = new AcSessions("fuzz", 0, Duration.ofSeconds(5), published::add, meters);
    private final Random random = new Random(20261127);
    private long now = 1_800_000_000_000L;

    @Test
    void nothingEscapesEachIsCountedAndValidDataStillFlows() {
        sessions.accept(ByteBuffer.wrap(encoder.encode(
                new HandshakeResponse("car", "driver", 4242, 1, "track", ""))), now);
        feed(car(0, 1));
        int before = published.size();

        // The game keeps streaming while the junk arrives: one car info between every six.
        int step = 1;
        for (int i = 0; i < PER_KIND; i++) {
            feed(car(step++, 1));
            feed(randomBytes(random.nextInt(1500)));
            feed(truncated(encoder.encode(car(i, 1))));
            feed(wrongIdentifier());
            feed(nonFinite());
            feed(garbageName());
            feed(negativeLap());
        }
        assertThat(published).hasSize(before + PER_KIND).allSatisfy(record -> assertThat(record.hasSessionEnded()).isFalse());

        for (int i = 0; i < 100; i++) {
            feed(car(step++, 1));
        }
        assertThat(published).hasSize(before + PER_KIND + 100);
        assertThat(published.get(published.size() - 1).getFrame().getSequence()).isEqualTo(1 + PER_KIND + 100);

        long fed = 2 + 7L * PER_KIND + 100;
        assertThat(count("collector.datagrams.received")).isEqualTo(fed);
        double malformed = Arrays.stream(Malformation.values()).mapToDouble(this::malformed).sum();
        assertThat(count("collector.datagrams.decoded") + malformed).isEqualTo(fed);
        assertThat(malformed).isGreaterThanOrEqualTo(5.0 * PER_KIND);
        assertThat(malformed(Malformation.NON_FINITE)).isGreaterThanOrEqualTo(PER_KIND);
        assertThat(malformed(Malformation.BAD_TEXT)).isGreaterThanOrEqualTo(PER_KIND);
        assertThat(malformed(Malformation.OUT_OF_RANGE)).isGreaterThanOrEqualTo(PER_KIND);
        assertThat(malformed(Malformation.WRONG_IDENTIFIER)).isGreaterThanOrEqualTo(PER_KIND);
        assertThat(malformed(Malformation.WRONG_SIZE)).isGreaterThanOrEqualTo(PER_KIND);
    }

    /**
     * Values that are finite, so that the decoder takes them, but that no car can have; and car
     * data whose every byte after a valid header is random: each dropped and counted by the
     * channel that gives it away, never clamped, and never a lap.
     */
    @Test
    void absurdButFiniteValuesAreDroppedByChannelAndInventNoLap() {
        sessions.accept(ByteBuffer.wrap(encoder.encode(
                new HandshakeResponse("car", "driver", 4242, 1, "track", ""))), now);
        feed(car(0, 1));
        feed(patched(52, Integer.MAX_VALUE));
        feed(patched(68, 3e38f));
        feed(patched(8, 3.4e38f));
        feed(patched(56, 1e6f));
        feed(patched(308, 1e30f));
        feed(patched(40, 480_327_104));
        feed(encoder.encode(new LapEvent(0, 888_384_937, "driver", "car", 480_327_104)));
        for (int i = 0; i < PER_KIND; i++) {
            feed(randomBehindValidHeader());
        }
        feed(car(1, 1));

        assertThat(published).hasSize(3).noneMatch(TelemetryRecord::hasLapCompleted);
        assertThat(published.get(2).getFrame().getSequence()).isEqualTo(2);
        assertThat(implausible(Plausibility.Channel.LAP_NUMBER)).isGreaterThanOrEqualTo(1);
        assertThat(implausible(Plausibility.Channel.RPM)).isGreaterThanOrEqualTo(1);
        assertThat(implausible(Plausibility.Channel.SPEED)).isGreaterThanOrEqualTo(1);
        assertThat(implausible(Plausibility.Channel.PEDALS)).isGreaterThanOrEqualTo(1);
        assertThat(implausible(Plausibility.Channel.TRACK_POSITION)).isGreaterThanOrEqualTo(1);
        assertThat(implausible(Plausibility.Channel.LAP_TIME)).isGreaterThanOrEqualTo(1);
        assertThat(count("collector.laps.implausible")).isEqualTo(1);
        double implausible = Arrays.stream(Plausibility.Channel.values()).mapToDouble(this::implausible).sum();
        double malformed = Arrays.stream(Malformation.values()).mapToDouble(this::malformed).sum();
        assertThat(implausible + malformed + count("collector.laps.implausible"))
                .as("every bad datagram counted once").isEqualTo(6 + 1 + PER_KIND);
    }

    private byte[] patched(int offset, int value) {
        byte[] bytes = encoder.encode(car(1, 1));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return bytes;
    }

    private byte[] patched(int offset, float value) {
        byte[] bytes = encoder.encode(car(1, 1));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(offset, value);
        return bytes;
    }

    private byte[] randomBehindValidHeader() {
        byte[] bytes = randomBytes(CarInfo.SIZE);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).put(0, CarInfo.IDENTIFIER).putInt(4, CarInfo.SIZE);
        return bytes;
    }

    private double implausible(Plausibility.Channel channel) {
        return meters.get("collector.frames.implausible").tag("channel", channel.name()).counter().count();
    }

    private void feed(byte[] datagram) {
        now += 3;
        sessions.accept(ByteBuffer.wrap(datagram), now);
    }

    private void feed(CarInfo car) {
        feed(encoder.encode(car));
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A car info cut short (or a byte too long): never one of the three sizes. */
    private byte[] truncated(byte[] valid) {
        int length = random.nextInt(valid.length);
        if (length == LapEvent.SIZE) {
            length = valid.length + 1;
        }
        return Arrays.copyOf(valid, length);
    }

    private byte[] wrongIdentifier() {
        byte[] bytes = randomBytes(CarInfo.SIZE);
        if (bytes[0] == CarInfo.IDENTIFIER) {
            bytes[0] = 'b';
        }
        return bytes;
    }

    private byte[] nonFinite() {
        byte[] bytes = encoder.encode(car(1, 1));
        float[] values = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(84 + 4 * random.nextInt(56),
                values[random.nextInt(values.length)]);
        return bytes;
    }

    /** A lap event whose driver name is random bytes: unpaired surrogates and control characters. */
    private byte[] garbageName() {
        byte[] bytes = encoder.encode(new LapEvent(0, 2, "driver", "car", 90_000));
        byte[] garbage = randomBytes(100);
        garbage[0] = 0x01;
        garbage[1] = 0x00;
        System.arraycopy(garbage, 0, bytes, 8, 100);
        return bytes;
    }

    private byte[] negativeLap() {
        return encoder.encode(new LapEvent(0, -1 - random.nextInt(1000), "driver", "car", 90_000));
    }

    private double count(String name) {
        return meters.get(name).counter().count();
    }

    private double malformed(Malformation kind) {
        Counter counter = meters.get("collector.datagrams.malformed").tag("kind", kind.name()).counter();
        return counter.count();
    }

    private static CarInfo car(int step, int rawGear) {
        Wheels wheels = new Wheels(1, 2, 3, 4);
        return SampleCars.atSpeed().speedKmh(100).speedMph(62).speedMs(27.8f)
                .accGVertical(1).accGHorizontal(0.5f).accGFrontal(-0.2f)
                .lapTimeMillis(step * 3).lastLapMillis(0).bestLapMillis(0).lapCount(0)
                .gas(0.8f).clutch(0).engineRpm(6000).steer(10).rawGear(rawGear).cgHeight(0.3f)
                .wheelAngularSpeed(wheels).slipAngle(wheels).slipAngleContactPatch(wheels).slipRatio(wheels)
                .tyreSlip(wheels).ndSlip(wheels).load(wheels).dy(wheels).mz(wheels).tyreDirtyLevel(wheels)
                .camberRad(wheels).tyreRadius(wheels).tyreLoadedRadius(wheels).suspensionHeight(wheels)
                .carPositionNormalized((step % 10_000) / 10_000f).carSlope(0).worldX(1).worldY(2).worldZ(3).build();
    }
}
