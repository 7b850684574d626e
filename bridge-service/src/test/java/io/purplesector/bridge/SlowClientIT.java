package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.WebSocketMessage;
import io.purplesector.telemetry.proto.Wheels;
import io.purplesector.telemetry.proto.kafka.ProtobufSerializer;
import io.purplesector.telemetry.proto.kafka.TelemetryRecords;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.WithTestKafka;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that never reads loses frames; the bridge's memory stays bounded and the other clients
 * of the same user keep every frame and their latency.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false",
        "purplesector.bridge.max-frame-age=0s",
        // Three seconds of this test's 3,000 frames/s: the healthy client, in a JVM that also runs
        // the broker and the producer on two cores, must not count as slow when that JVM pauses.
        // The stalled client still overflows it many times over.
        "purplesector.bridge.websocket.send-buffer=9000"})
@WithTestKafka
class SlowClientIT {

    private static final String USER = "slowtest";
    private static final int SESSIONS = 20;
    private static final int FRAMES_PER_SECOND = 3_000;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void stalledClientLosesFramesWhileOthersKeepEveryFrameAndTheirLatency() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()));
                KafkaProducer<String, TelemetryRecord> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), new ProtobufSerializer<>());
                TestClient healthy = TestClient.connect(port, "?userId=" + USER)) {
            admin.createTopics(List.of(new NewTopic(Topics.userTopic(USER), 4, (short) 1))).all().get();
            healthy.next();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                send(producer, 0, 0);
                producer.flush();
                return healthy.poll(200) != null;
            });
            while (healthy.poll(500) != null) {
                // Drains the warm-up frames.
            }

            List<Long> baseline = flood(producer, healthy, 4);
            List<Long> withStalled = new ArrayList<>();
            long growth;
            try (RawClient stalled = new RawClient(port, "?userId=" + USER)) {
                // The first 10 s fill the stalled client's socket buffers; over the next 20, a bounded
                // bridge holds no more than it did, while an unbounded one would keep 60,000 more
                // frames (about 18 MB of payload alone). The slope, not the level, says which: this
                // JVM also runs the broker, the producer and the clients, whose own memory moves by
                // a few MB.
                withStalled.addAll(flood(producer, healthy, 10));
                long memoryMidway = memoryInUse();
                withStalled.addAll(flood(producer, healthy, 20));
                growth = memoryInUse() - memoryMidway;
            }

            assertThat(dropped()).as("frames dropped for the stalled client").isGreaterThan(1_000);
            assertThat(growth).as("memory growth over the stall's last 20 s, bytes").isLessThan(8L * 1024 * 1024);
            assertThat(percentile(withStalled, 99)).as("healthy p99 latency with a stalled client, ms")
                    .isLessThanOrEqualTo(2 * percentile(baseline, 99) + 20);
        }
    }

    /** Sends frames for the given seconds; returns the healthy client's latencies, checking it got them all. */
    private List<Long> flood(KafkaProducer<String, TelemetryRecord> producer, TestClient client, int seconds)
            throws Exception {
        long sent = 0;
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * FRAMES_PER_SECOND / 1_000_000_000L;
            while (sent < due) {
                send(producer, (int) (sent % SESSIONS), sent);
                sent++;
            }
            Thread.sleep(1);
        }
        producer.flush();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        for (long received = 0; received < sent; received++) {
            WebSocketMessage message = client.poll(10_000);
            if (message == null) {
                throw new AssertionError("received " + received + " of " + sent + " frames; dropped " + dropped()
                        + ", relayed " + meters.find("bridge.messages.relayed").counter().count()
                        + ", read " + meters.find("bridge.records.received").counter().count());
            }
            assertThat(message.getType()).isEqualTo(MessageType.TELEMETRY);
            latencies.add(client.lastReceivedAt() - message.getTelemetry().getTimestamp());
        }
        return latencies;
    }

    /** A frame with every channel set, about 300 bytes as a game's would be. */
    private static void send(KafkaProducer<String, TelemetryRecord> producer, int session, long sequence) {
        Wheels wheels = Wheels.newBuilder().setFrontLeft(1.1f).setFrontRight(2.2f).setRearLeft(3.3f).setRearRight(4.4f).build();
        producer.send(TelemetryRecords.producerRecord(Topics.TELEMETRY, "test", TelemetryRecord.newBuilder()
                .setFrame(TelemetryFrame.newBuilder().setSessionId("session-" + session).setUserId(USER)
                        .setSequence(sequence).setTimestamp(System.currentTimeMillis()).setSpeed(201.5f).setRpm(7012)
                        .setThrottle(0.93f).setBrake(0.01f).setSteering(-0.12f).setGear(5).setEngineRpm(7012.4f)
                        .setNormalizedPosition(0.4321f).setLapNumber(3).setLapTime(41_234).setSessionTime(301.2f)
                        .setWorldX(-176.5f).setWorldY(1.2f).setWorldZ(102.8f).setGLateral(1.4f).setGLongitudinal(-0.2f)
                        .setGVertical(1.01f).setTyrePressure(wheels).setTyreCoreTemperature(wheels)
                        .setBrakeTemperature(wheels).setWheelSlip(wheels).setWheelAngularSpeed(wheels).setTyreLoad(wheels)
                        .setSuspensionTravel(wheels).setFuel(41.2f).setLastLapTime(77_288).setBestLapTime(77_001))
                .build()));
    }

    private double dropped() {
        var counter = meters.find("bridge.frames.dropped").tag("reason", "slow-client").counter();
        return counter == null ? 0 : counter.count();
    }

    private static long memoryInUse() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = ByteBufAllocator.DEFAULT instanceof PooledByteBufAllocator pooled
                ? pooled.metric().usedDirectMemory() : 0;
        return heap + direct;
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100));
    }
}
