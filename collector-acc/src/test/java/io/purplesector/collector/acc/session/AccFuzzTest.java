package io.purplesector.collector.acc.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.collector.acc.broadcasting.BroadcastingClient;
import io.purplesector.collector.acc.broadcasting.BroadcastingSettings;
import io.purplesector.collector.acc.protocol.Datagram;
import io.purplesector.collector.acc.protocol.InboundMessage;
import io.purplesector.collector.acc.sharedmemory.GraphicsPage;
import io.purplesector.collector.acc.sharedmemory.Page;
import io.purplesector.collector.acc.sharedmemory.PageImage;
import io.purplesector.collector.acc.sharedmemory.PhysicsPage;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.testsupport.BadInput;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whatever arrives, the collector's path (client, decoders, merge) takes it: 100,000 datagrams
 * that are not ACC's or are ACC's with bytes changed, and 100,000 pages of random bytes, between
 * good ones. Nothing escapes as an exception, every datagram is counted as decoded or malformed,
 * every page becomes a frame or a count, and the good data after the flood still flows.
 */
@BadInput
class AccFuzzTest {

    private static final int ROUNDS = 100_000;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<TelemetryRecord> out = new ArrayList<>();
    private final AccSessions sessions = new AccSessions("fuzz", Duration.ofSeconds(5), out::add, meters);
    private final BroadcastingClient client = new BroadcastingClient(new BroadcastingSettings("fuzz", "asd", "",
            Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(5)), datagram -> { }, meters);
    private final SplittableRandom random = new SplittableRandom(2026);

    @Test
    void malformedDatagramsAreCountedAndTheStreamGoesOn() {
        client.tick(0);
        accept(Datagram.of(1).i32(1).u8(1).u8(1).string("").bytes(), 1);
        byte[] good = carUpdate();
        int accepted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] datagram = round % 2 == 0 ? randomBytes(random.nextInt(0, 2_048)) : mutated(good);
            if (accept(datagram, 2 + round / 100)) {
                accepted++;
            }
        }
        double malformed = meters.find("collector.datagrams.malformed").counters().stream()
                .mapToDouble(Counter::count).sum();
        assertThat(meters.get("collector.broadcasting.received").counter().count()).isEqualTo(ROUNDS + 1);
        assertThat(malformed + accepted).isEqualTo(ROUNDS);
        assertThat(malformed).isGreaterThan(ROUNDS / 2);
        assertThat(client.state()).isEqualTo(BroadcastingClient.State.REGISTERED);
    }

    @Test
    void randomPagesBecomeFramesOrCountsAndGoodPagesStillFlowAfterThem() {
        int framesBefore;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] physics = randomBytes(Page.PHYSICS.size());
            byte[] graphics = randomBytes(Page.GRAPHICS.size());
            if (round % 4 != 0) {
                // Mostly live, so that the values are looked at; the status is random otherwise.
                ByteBuffer.wrap(graphics).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, GraphicsPage.STATUS_LIVE);
            }
            sessions.onPages(PhysicsPage.decode(ByteBuffer.wrap(physics)), GraphicsPage.decode(ByteBuffer.wrap(graphics)),
                    null, 1_000 + round);
        }
        double implausible = meters.find("collector.frames.implausible").counters().stream()
                .mapToDouble(Counter::count).sum();
        double merged = meters.find("collector.frames.merged").counters().stream().mapToDouble(Counter::count).sum();
        long frames = out.stream().filter(TelemetryRecord::hasFrame).count();
        double notLive = meters.get("collector.pages.not-live").counter().count();
        assertThat(merged).isEqualTo(frames);
        assertThat(merged + implausible + notLive).isEqualTo(ROUNDS);
        assertThat(implausible).as("random floats are rarely a car's").isGreaterThan(ROUNDS / 2);
        framesBefore = (int) frames;

        for (int packet = 1; packet <= 10; packet++) {
            sessions.onPages(PhysicsPage.decode(PageImage.of(Page.PHYSICS).i32(0, packet).f32(28, 100).buffer()),
                    GraphicsPage.decode(PageImage.of(Page.GRAPHICS).i32(0, packet).i32(4, GraphicsPage.STATUS_LIVE)
                            .i32(1320, 77).buffer()), null, 200_000 + packet);
        }
        assertThat(out.stream().filter(TelemetryRecord::hasFrame).count()).isEqualTo(framesBefore + 10);
    }

    private boolean accept(byte[] datagram, long at) {
        InboundMessage message = client.accept(ByteBuffer.wrap(datagram), at);
        if (message != null) {
            sessions.onBroadcast(message, client, at);
        }
        return message != null;
    }

    private byte[] mutated(byte[] good) {
        byte[] bytes = good.clone();
        for (int flips = random.nextInt(1, 4); flips > 0; flips--) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return random.nextBoolean() ? bytes : java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 8));
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] carUpdate() {
        Datagram update = Datagram.of(3).u16(0).u16(0).u8(1).u8(3).f32(10).f32(20).f32(0).u8(1).u16(120)
                .u16(1).u16(1).u16(1).f32(0.5f).u16(3).i32(-5);
        for (int lap = 0; lap < 3; lap++) {
            update.lap(90_000, 0, 0, List.of(30_000, 30_000, 30_000), false, true, false, false);
        }
        return update.bytes();
    }
}
