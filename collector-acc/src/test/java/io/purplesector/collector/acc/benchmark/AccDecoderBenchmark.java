package io.purplesector.collector.acc.benchmark;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.collector.acc.protocol.BroadcastingDecoder;
import io.purplesector.collector.acc.protocol.Datagram;
import io.purplesector.collector.acc.session.AccSessions;
import io.purplesector.collector.acc.sharedmemory.GraphicsPage;
import io.purplesector.collector.acc.sharedmemory.Page;
import io.purplesector.collector.acc.sharedmemory.PageImage;
import io.purplesector.collector.acc.sharedmemory.PhysicsPage;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of each message and page, with floors measured in the same run: {@code readPhysicsFloats}
 * reads the physics page's 80 numbers the decoder reads and nothing more; {@code decodeCarUpdate}
 * a REALTIME_CAR_UPDATE as the captures have it (101 bytes); {@code decodePhysics} and
 * {@code decodeGraphics} the pages; {@code pagesToFrame} the whole path of a new physics page before
 * the producer (both pages decoded, the merge, the protobuf frame). Run: see docs/PERFORMANCE.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccDecoderBenchmark {

    private final BroadcastingDecoder decoder = new BroadcastingDecoder();
    private ByteBuffer carUpdate;
    private ByteBuffer physics;
    private ByteBuffer graphics;
    private AccSessions sessions;
    private Blackhole sink;
    private int packetId;
    private long now = 1_800_000_000_000L;

    @Setup
    public void setUp(Blackhole blackhole) {
        sink = blackhole;
        Datagram update = Datagram.of(3).u16(0).u16(0).u8(1).u8(3).f32(-107.14f).f32(358.75f).f32(2.537f).u8(1)
                .u16(120).u16(1).u16(1).u16(0).f32(0.1187f).u16(12).i32(-5);
        update.lap(93_695, 0, 0, List.of(23_550, 41_160, 28_935), false, true, false, false);
        update.lap(94_272, 0, 0, List.of(23_647, 41_300, 29_325), false, true, false, false);
        update.lap(10_290, 0, 0, List.of(), false, true, false, false);
        carUpdate = ByteBuffer.wrap(update.bytes());
        physics = PageImage.of(Page.PHYSICS).i32(0, 1).f32(4, 0.8f).f32(8, 0).f32(12, 50).i32(16, 5).i32(20, 7_200)
                .f32(24, 0.1f).f32(28, 211).vector(44, 1.2f, 1, -0.4f).wheels(88, 27.5f, 27.5f, 27.2f, 27.2f)
                .wheels(152, 85, 85, 82, 82).wheels(348, 400, 400, 320, 320).buffer();
        graphics = PageImage.of(Page.GRAPHICS).i32(0, 1).i32(4, GraphicsPage.STATUS_LIVE).i32(132, 3).i32(136, 2)
                .i32(140, 45_000).f32(248, 0.4f).i32(252, 20).i32(1320, 1).buffer();
        sessions = new AccSessions("bench", Duration.ofSeconds(5), this::consume, new SimpleMeterRegistry());
    }

    private void consume(TelemetryRecord record) {
        sink.consume(record);
    }

    @Benchmark
    public float readPhysicsFloats() {
        float sum = 0;
        for (int offset = 4; offset < 324; offset += 4) {
            sum += physics.getFloat(offset);
        }
        return sum;
    }

    @Benchmark
    public Object decodeCarUpdate() {
        return decoder.decode(carUpdate);
    }

    @Benchmark
    public Object decodePhysics() {
        return PhysicsPage.decode(physics);
    }

    @Benchmark
    public Object decodeGraphics() {
        return GraphicsPage.decode(graphics);
    }

    @Benchmark
    public void pagesToFrame() {
        physics.putInt(0, ++packetId);
        now += 16;
        sessions.onPages(PhysicsPage.decode(physics), GraphicsPage.decode(graphics), null, now);
    }
}
