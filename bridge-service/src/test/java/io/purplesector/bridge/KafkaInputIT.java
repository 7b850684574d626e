package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.bridge.monitoring.SessionActivity;
import io.purplesector.telemetry.proto.CarStanding;
import io.purplesector.telemetry.proto.CommandOutcome;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.Standings;
import io.purplesector.telemetry.proto.Subscription;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.WebSocketMessage;
import io.purplesector.telemetry.proto.kafka.InvalidSessionIdException;
import io.purplesector.telemetry.proto.kafka.SessionIds;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.WithTestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

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

    @Autowired
    @Qualifier("telemetryReader")
    HealthIndicator telemetryReader;

    @Autowired
    SessionActivity activity;

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void openProducer() {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    @BadInput
    void garbageRecordIsCountedAndTheStreamGoesOn() throws Exception {
        try (TestClient carol = liveClient("carol")) {
            double before = meters.find("bridge.records.malformed").tag("reason", "NOT_PROTOBUF").counter().count();
            producer.send(new ProducerRecord<>(Topics.userTopic("carol"), "s", new byte[] {(byte) 0xFF, 0x00, 0x13}));
            producer.send(new ProducerRecord<>(Topics.userTopic("carol"), "s", frame("carol", 42)));

            WebSocketMessage next = carol.next();
            assertThat(next.getTelemetry().getSequence()).isEqualTo(42);
            assertThat(meters.find("bridge.records.malformed").tag("reason", "NOT_PROTOBUF").counter().count() - before)
                    .isEqualTo(1);
        }
    }

    /**
     * Standings go only to clients that subscribed to them, command outcomes only to clients that
     * subscribed to events; a client of the earlier protocol sees neither.
     */
    @Test
    void standingsAndCommandOutcomesReachOnlyTheClientsThatAskedForThem() throws Exception {
        try (TestClient tower = liveClient("hank"); TestClient events = TestClient.connect(port, "?userId=hank");
                TestClient plain = TestClient.connect(port, "?userId=hank")) {
            assertThat(events.next().getType()).isEqualTo(MessageType.CONNECTED);
            assertThat(plain.next().getType()).isEqualTo(MessageType.CONNECTED);
            tower.send(WebSocketMessage.newBuilder().setType(MessageType.SUBSCRIBE)
                    .setSubscription(Subscription.newBuilder().setStandings(true)).build());
            events.send(WebSocketMessage.newBuilder().setType(MessageType.SUBSCRIBE)
                    .setSubscription(Subscription.newBuilder().setEvents(true)).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                producer.send(new ProducerRecord<>(Topics.userTopic("hank"), "s", TelemetryRecord.newBuilder()
                        .setStandings(Standings.newBuilder().setSessionId("s").setUserId("hank")
                                .addCars(CarStanding.newBuilder().setCarIndex(4).setPosition(1)))
                        .build().toByteArray())).get();
                WebSocketMessage message = tower.poll(300);
                return message != null && message.getType() == MessageType.STANDINGS;
            });
            producer.send(new ProducerRecord<>(Topics.userTopic("hank"), "s", TelemetryRecord.newBuilder()
                    .setCommandOutcome(CommandOutcome.newBuilder().setSessionId("s").setUserId("hank")
                            .setCommandId("c1").setReason("read-only")).build().toByteArray())).get();

            WebSocketMessage outcome = events.next();
            assertThat(outcome.getType()).as("%s", outcome).isEqualTo(MessageType.COMMAND_OUTCOME);
            assertThat(outcome.getCommandOutcome().getReason()).isEqualTo("read-only");
            assertThat(events.messages).noneMatch(message -> message.getType() == MessageType.STANDINGS);
            assertThat(tower.messages).noneMatch(message -> message.getType() == MessageType.COMMAND_OUTCOME);
            assertThat(plain.messages).allMatch(message -> message.getType() == MessageType.TELEMETRY);
        }
    }

    @Test
    @BadInput
    void theTopicNotThePayloadDecidesWhoseARecordIs() throws Exception {
        try (TestClient dave = liveClient("dave"); TestClient erin = TestClient.connect(port, "?userId=erin")) {
            assertThat(erin.next().getType()).isEqualTo(MessageType.CONNECTED);

            producer.send(new ProducerRecord<>(Topics.userTopic("dave"), "s", frame("erin", 7)));

            assertThat(dave.next().getTelemetry().getSequence()).isEqualTo(7);
            assertThat(erin.poll(1000)).isNull();
        }
    }

    @Test
    void aFrameOlderThanTheMaximumAgeIsCountedAndNotShown() throws Exception {
        try (TestClient frank = liveClient("frank")) {
            double staleBefore = meters.get("bridge.frames.dropped").tag("reason", "stale").counter().count();

            long elevenSecondsAgo = System.currentTimeMillis() - 11_000;
            producer.send(new ProducerRecord<>(Topics.userTopic("frank"), "s", frame("frank", 1, elevenSecondsAgo)));
            producer.send(new ProducerRecord<>(Topics.userTopic("frank"), "s", frame("frank", 2)));

            assertThat(frank.next().getTelemetry().getSequence()).isEqualTo(2);
            assertThat(meters.get("bridge.frames.dropped").tag("reason", "stale").counter().count() - staleBefore)
                    .isEqualTo(1);
        }
    }

    /**
     * Keys that break the session id rule (900 KB, empty, a NUL, bytes that are not UTF-8) are
     * counted and skipped before anything remembers them: the listener keeps running, the user's
     * next frame arrives, and the sessions endpoint answers without any of them.
     */
    @Test
    @BadInput
    void recordsWithKeysAgainstTheRuleAreCountedAndSkippedAndTheReaderLivesOn() throws Exception {
        try (TestClient gina = liveClient("gina");
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
                        "bootstrap.servers", TestKafka.bootstrapServers(), "max.request.size", 1_048_000),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            double before = invalidKeys();
            byte[] large = new byte[900_000];
            java.util.Arrays.fill(large, (byte) 'k');
            for (int i = 0; i < 100; i++) {
                large[0] = (byte) ('A' + i % 26);
                large[1] = (byte) ('A' + i / 26);
                raw.send(new ProducerRecord<>(Topics.userTopic("gina"), large, frame("gina", 1000 + i)));
            }
            for (byte[] key : List.of(new byte[0], "nul\0key".getBytes(StandardCharsets.UTF_8),
                    new byte[] {'x', (byte) 0xc3, (byte) 0x28})) {
                raw.send(new ProducerRecord<>(Topics.userTopic("gina"), key, frame("gina", 2000)));
            }
            raw.send(new ProducerRecord<>(Topics.userTopic("gina"), null, frame("gina", 2001)));
            raw.flush();
            producer.send(new ProducerRecord<>(Topics.userTopic("gina"), "s", frame("gina", 3000)));

            assertThat(gina.next().getTelemetry().getSequence()).isEqualTo(3000);
            assertThat(invalidKeys() - before).isEqualTo(104);
            assertThat(telemetryReader.health().getStatus()).isEqualTo(Status.UP);
            assertThat(activity.sessions()).allSatisfy(session ->
                    assertThat(session.sessionId().getBytes(StandardCharsets.UTF_8).length).isBetween(1, 128));
            java.net.http.HttpResponse<String> sessions = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                            + "/actuator/sessions")).timeout(Duration.ofSeconds(5)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(sessions.statusCode()).isEqualTo(200);
            assertThat(sessions.body()).contains("\"userId\":\"gina\"").doesNotContain("kkkkkkkk");
        }
    }

    /**
     * Keys of 0 bytes to a megabyte with every byte value, values of random bytes, among a live
     * session's frames on the same partition: every frame of the session reaches its client, in
     * order, and every key that breaks the rule is counted as such.
     */
    @Test
    @BadInput
    void randomKeysAndValuesAmongASessionLeaveEveryFrameOfItDelivered() throws Exception {
        Random random = new Random(20261205);
        try (TestClient hana = liveClient("hana");
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(
                        "bootstrap.servers", TestKafka.bootstrapServers(), "max.request.size", 1_048_000,
                        "max.in.flight.requests.per.connection", 1),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            double before = invalidKeys();
            int invalid = 0;
            int frames = 300;
            for (int sequence = 1; sequence <= frames; sequence++) {
                raw.send(new ProducerRecord<>(Topics.userTopic("hana"), 0, "s".getBytes(StandardCharsets.UTF_8),
                        frame("hana", sequence)));
                byte[] key = new byte[switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(3);
                    case 1 -> random.nextInt(200);
                    case 2 -> random.nextInt(10_000);
                    default -> random.nextInt(1_000_000);
                }];
                random.nextBytes(key);
                byte[] value = new byte[random.nextInt(2_000)];
                random.nextBytes(value);
                raw.send(new ProducerRecord<>(Topics.userTopic("hana"), 0, key, value));
                invalid += breaksTheRule(key) ? 1 : 0;
            }
            raw.flush();

            List<Long> delivered = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (delivered.size() < frames && System.currentTimeMillis() < deadline) {
                WebSocketMessage message = hana.poll(1_000);
                if (message != null && message.hasTelemetry() && message.getTelemetry().getSessionId().equals("s")) {
                    delivered.add(message.getTelemetry().getSequence());
                }
            }
            assertThat(delivered).containsExactlyElementsOf(LongStream.rangeClosed(1, frames).boxed().toList());
            assertThat(invalid).as("most random keys break the rule").isGreaterThan(frames / 2);
            // The last random record comes after the last frame: it may be counted a moment later.
            int counted = invalid;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(invalidKeys() - before)
                    .isEqualTo(counted));
            assertThat(telemetryReader.health().getStatus()).isEqualTo(Status.UP);
        }
    }

    private static boolean breaksTheRule(byte[] key) {
        try {
            SessionIds.fromKey(key);
            return false;
        } catch (InvalidSessionIdException e) {
            return true;
        }
    }

    private double invalidKeys() {
        var counter = meters.find("bridge.records.malformed").tag("reason", "INVALID_SESSION_ID").counter();
        return counter == null ? 0 : counter.count();
    }

    /** A client of a user with a topic of its own, connected and already receiving from it. */
    private TestClient liveClient(String user) throws Exception {
        String topic = Topics.userTopic(user);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        TestClient client = TestClient.connect(port, "?userId=" + user);
        try {
            assertThat(client.next().getType()).isEqualTo(MessageType.CONNECTED);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                producer.send(new ProducerRecord<>(topic, "s", frame(user, 0))).get();
                return client.poll(300) != null;
            });
            while (client.poll(500) != null) {
                // Drains the probes.
            }
            return client;
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
    }

    private static byte[] frame(String user, long sequence) {
        return frame(user, sequence, System.currentTimeMillis());
    }

    private static byte[] frame(String user, long sequence, long timestamp) {
        return TelemetryRecord.newBuilder().setFrame(TelemetryFrame.newBuilder().setSessionId("s").setUserId(user)
                .setSequence(sequence).setTimestamp(timestamp)).build().toByteArray();
    }
}
