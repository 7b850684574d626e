package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.WebSocketMessage;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.ListenerStop;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * {@code read=all}: one listener container reads every telemetry topic, watched or not, and its
 * health says when it has stopped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false", "purplesector.bridge.read=all"})
@WithTestKafka
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllTopicsIT {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    @Order(1)
    void everyTopicIsReadAndOnlyTheWatchedUsersFramesAreDelivered() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.userTopic("all-watched"), 1, (short) 1),
                    new NewTopic(Topics.userTopic("all-unwatched"), 1, (short) 1))).all().get();
        }
        try (TestClient client = TestClient.connect(port, "?userId=all-watched");
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", TestKafka.bootstrapServers()), new StringSerializer(),
                        new ByteArraySerializer())) {
            assertThat(client.next().getType()).isEqualTo(MessageType.CONNECTED);
            // The pattern subscription picks a new topic up within its metadata age: send until it has.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                producer.send(new ProducerRecord<>(Topics.userTopic("all-watched"), "s", frame(0))).get();
                return client.poll(300) != null;
            });
            double before = meters.get("bridge.records.received").counter().count();
            producer.send(new ProducerRecord<>(Topics.userTopic("all-unwatched"), "s", frame(1))).get();
            producer.send(new ProducerRecord<>(Topics.userTopic("all-watched"), "s", frame(2))).get();

            WebSocketMessage next;
            do {
                next = client.next(); // past the probes
            } while (next.getTelemetry().getSequence() == 0);
            assertThat(next.getTelemetry().getSequence()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> meters.get("bridge.records.received").counter().count() - before >= 2);
        }
    }

    /**
     * Last: the container restarted by it rejoins its group, which can take until the old
     * member's session times out, and the other test must not wait for that.
     */
    @Test
    @Order(2)
    void healthIsDownWhileTheListenerIsStopped() {
        ListenerStop.showsInHealth(port, listeners.getListenerContainer("bridge-telemetry"));
    }

    private static byte[] frame(long sequence) {
        return TelemetryRecord.newBuilder().setFrame(TelemetryFrame.newBuilder().setSessionId("s")
                .setSequence(sequence).setTimestamp(System.currentTimeMillis())).build().toByteArray();
    }
}
