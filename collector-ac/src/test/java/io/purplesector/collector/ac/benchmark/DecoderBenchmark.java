package io.purplesector.collector.ac.benchmark;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.collector.ac.protocol.AcDatagram;
import io.purplesector.collector.ac.protocol.AcDecoder;
import io.purplesector.collector.ac.protocol.AcEncoder;
import io.purplesector.collector.ac.protocol.CarInfo;
import io.purplesector.collector.ac.protocol.Decoded;
import io.purplesector.collector.ac.protocol.HandshakeResponse;
import io.purplesector.collector.ac.protocol.SampleCars;
import io.purplesector.collector.ac.session.AcSessions;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
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
 * The cost of one car-info datagram, step by step, with the floor measured in the same run:
 * {@code readFloats} reads the 80 numeric fields the decoder reads and nothing more; {@code decode}
 * builds the {@link CarInfo}; {@code decodeAndMap} is the whole path a datagram takes before the
 * producer (decode, session, protobuf frame). Run: see docs/PERFORMANCE.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecoderBenchmark {

    private final AcDecoder decoder = new AcDecoder();
    private ByteBuffer datagram;
    private AcSessions sessions;
    private Blackhole sink;
    private long now = 1_800_000_000_000L;

    @Setup
    public void setUp(Blackhole blackhole) {
        datagram = ByteBuffer.wrap(new AcEncoder().encode(SampleCars.atSpeed().build()));
        sink = blackhole;
        sessions = new AcSessions("bench", 0, Duration.ofSeconds(5), this::consume, new SimpleMeterRegistry());
        sessions.accept(ByteBuffer.wrap(new AcEncoder().encode(new HandshakeResponse("car", "driver", 4242, 1,
                "track", ""))), now);
    }

    private void consume(TelemetryRecord record) {
        sink.consume(record);
    }

    @Benchmark
    public float readFloats() {
        ByteBuffer in = datagram.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float sum = 0;
        for (int offset = 8; offset < CarInfo.SIZE; offset += 4) {
            sum += in.getFloat(offset);
        }
        return sum;
    }

    @Benchmark
    public Decoded<AcDatagram> decode() {
        return decoder.decode(datagram.duplicate());
    }

    @Benchmark
    public AcDatagram decodeAndMap() {
        return sessions.accept(datagram.duplicate(), ++now);
    }
}
