package io.purplesector.testsupport;

import com.google.protobuf.InvalidProtocolBufferException;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.ProtobufSerializer;
import io.purplesector.telemetry.proto.kafka.TelemetryRecords;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * What the collectors' latency benchmarks share: a producer configured as the collectors' is
 * (LZ4, idempotent, acks=all, linger 5 ms, one request in flight), a paced load, the baseline of
 * that producer alone at the same rate, and the percentiles of a run as a table row.
 */
public final class LatencyRun {

    private LatencyRun() {
    }

    /** A producer as the collectors configure theirs, to the tests' broker. */
    public static KafkaProducer<String, TelemetryRecord> collectorProducer() {
        return new KafkaProducer<>(collectorProducerSettings(), new StringSerializer(), new ProtobufSerializer<>());
    }

    /** The settings of the collectors' producers (their {@code application.yml}), on the test broker. */
    public static Map<String, Object> collectorProducerSettings() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    }

    /**
     * A template for a collector's publisher, on a producer configured as the collectors', that
     * times each frame from {@code sentAt[i]} to its acknowledgement, where i is the frame's lap
     * time (read back from the bytes the publisher serialized; that parse, a few µs on the sending
     * thread, counts in the measured time); frames from {@code warmup} on add their time, µs, to
     * {@code latencies}.
     */
    public static KafkaTemplate<String, byte[]> acknowledgementTimer(long[] sentAt, int warmup, List<Long> latencies) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(collectorProducerSettings(), new StringSerializer(),
                new ByteArraySerializer())) {
            @Override
            public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
                int i = frameIndex(record.value());
                return super.send(record).whenComplete((result, failure) -> {
                    if (failure == null && i >= warmup && i < sentAt.length) {
                        latencies.add((System.nanoTime() - sentAt[i]) / 1000);
                    }
                });
            }
        };
    }

    private static int frameIndex(byte[] value) {
        try {
            TelemetryRecord record = TelemetryRecord.parseFrom(value);
            return record.hasFrame() ? record.getFrame().getLapTime() : -1;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls {@code action} with 0, 1, 2 … {@code count} − 1, {@code rate} times a second. */
    public static void paced(int rate, int count, IntConsumer action) throws InterruptedException {
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = start + i * period - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            action.accept(i);
        }
    }

    /**
     * The baseline: the same producer sending ready-made frames at the same rate, for
     * {@code seconds} after half as long of warm-up; sorted send-to-acknowledgement times, µs.
     */
    public static long[] producerAlone(KafkaProducer<String, TelemetryRecord> producer, String userId, int rate,
            int seconds) throws InterruptedException {
        int warmup = rate * seconds / 2;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        TelemetryRecord frame = TelemetryRecord.newBuilder().setFrame(TelemetryFrame.newBuilder()
                .setSessionId("baseline").setUserId(userId).setSpeed(201.5f)).build();
        paced(rate, warmup + rate * seconds, i -> {
            long start = System.nanoTime();
            TelemetryRecord record = frame.toBuilder().setFrame(frame.getFrame().toBuilder().setSequence(i + 1)).build();
            producer.send(TelemetryRecords.producerRecord(Topics.TELEMETRY, "baseline", record), (metadata, e) -> {
                if (e == null && i >= warmup) {
                    latencies.add((System.nanoTime() - start) / 1000);
                }
            });
        });
        producer.flush();
        return sorted(latencies);
    }

    public static long[] sorted(List<Long> values) {
        synchronized (values) {
            return values.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    public static long percentile(long[] sorted, int percent) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }

    /** {@code | path | p50 | p99 | max |}, µs. */
    public static String row(String path, long[] sorted) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d |", path, percentile(sorted, 50), percentile(sorted, 99),
                sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
    }
}
