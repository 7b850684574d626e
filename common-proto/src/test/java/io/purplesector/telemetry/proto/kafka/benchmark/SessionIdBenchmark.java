package io.purplesector.telemetry.proto.kafka.benchmark;

import io.purplesector.telemetry.proto.kafka.SessionIds;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking a record key against the session id rule costs, per record, against the floor
 * measured in the same run: {@code utf8String} is what Kafka's {@code StringDeserializer} does
 * with a key (decode it as UTF-8, nothing checked), which the consumers did before they checked
 * keys. Keys as the collectors write them. Run: see docs/PERFORMANCE.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionIdBenchmark {

    @Param({"demo-0b7f6c1e-2a4d-4f8e-9c3b-1d2e3f4a5b6c", "ac-1764950000000", "Jürgen's session"})
    public String id;

    private byte[] key;

    @Setup
    public void setUp() {
        key = id.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public String utf8String() {
        return new String(key, StandardCharsets.UTF_8);
    }

    @Benchmark
    public String sessionIdFromKey() {
        return SessionIds.fromKey(key);
    }
}
