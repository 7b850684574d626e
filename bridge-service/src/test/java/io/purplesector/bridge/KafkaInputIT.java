package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.WebSocketMessage;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.WithTestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Untrusted Kafka records: garbage is counted and skipped, a record cannot choose its user, and a
 * frame older than {@code max-frame-age} never reaches a live view.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false"})
@WithTestKafka
class KafkaInputIT {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void garbageRecordIsCountedAndTheStreamGoesOn() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()));
                KafkaProducer<String, byte[]> producer = producer();
                TestClient carol = TestClient.connect(port, "?userId=carol")) {
            admin.createTopics(List.of(new NewTopic("telemetry-user-carol", 1, (short) 1))).all().get();
            carol.next();
            awaitDelivery(producer, carol, "telemetry-user-carol", "carol");

            producer.send(new ProducerRecord<>("telemetry-user-carol", "s", new byte[] {(byte) 0xFF, 0x00, 0x13}));
            producer.send(new ProducerRecord<>("telemetry-user-carol", "s", frame("carol", 42)));

            WebSocketMessage next = carol.next();
            assertThat(next.getTelemetry().getSequence()).isEqualTo(42);
            assertThat(meters.find("bridge.records.malformed").tag("reason", "NOT_PROTOBUF").counter().count())
                    .isEqualTo(1);
        }
    }

    @Test
    void theTopicNotThePayloadDecidesWhoseARecordIs() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()));
                KafkaProducer<String, byte[]> producer = producer();
                TestClient dave = TestClient.connect(port, "?userId=dave");
                TestClient erin = TestClient.connect(port, "?userId=erin")) {
            admin.createTopics(List.of(new NewTopic("telemetry-user-dave", 1, (short) 1))).all().get();
            dave.next();
            erin.next();
            awaitDelivery(producer, dave, "telemetry-user-dave", "dave");

            producer.send(new ProducerRecord<>("telemetry-user-dave", "s", frame("erin", 7)));

            assertThat(dave.next().getTelemetry().getSequence()).isEqualTo(7);
            assertThat(erin.poll(1000)).isNull();
        }
    }

    @Test
    void aFrameOlderThanTheMaximumAgeIsCountedAndNotShown() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()));
                KafkaProducer<String, byte[]> producer = producer();
                TestClient frank = TestClient.connect(port, "?userId=frank")) {
            admin.createTopics(List.of(new NewTopic("telemetry-user-frank", 1, (short) 1))).all().get();
            frank.next();
            awaitDelivery(producer, frank, "telemetry-user-frank", "frank");
            double staleBefore = meters.get("bridge.frames.dropped").tag("reason", "stale").counter().count();

            long elevenSecondsAgo = System.currentTimeMillis() - 11_000;
            producer.send(new ProducerRecord<>("telemetry-user-frank", "s", frame("frank", 1, elevenSecondsAgo)));
            producer.send(new ProducerRecord<>("telemetry-user-frank", "s", frame("frank", 2)));

            assertThat(frank.next().getTelemetry().getSequence()).isEqualTo(2);
            assertThat(meters.get("bridge.frames.dropped").tag("reason", "stale").counter().count() - staleBefore)
                    .isEqualTo(1);
        }
    }

    /** Waits until the bridge's pattern subscription has picked up a newly created topic. */
    private static void awaitDelivery(KafkaProducer<String, byte[]> producer, TestClient client, String topic,
            String user) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            producer.send(new ProducerRecord<>(topic, "s", frame(user, 0))).get();
            return client.poll(300) != null;
        });
        try {
            while (client.poll(500) != null) {
                // Drains the probes.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] frame(String user, long sequence) {
        return frame(user, sequence, System.currentTimeMillis());
    }

    private static byte[] frame(String user, long sequence, long timestamp) {
        return TelemetryRecord.newBuilder().setFrame(TelemetryFrame.newBuilder().setSessionId("s").setUserId(user)
                .setSequence(sequence).setTimestamp(timestamp)).build().toByteArray();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
