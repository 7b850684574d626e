package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.SessionStarted;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.WebSocketMessage;
import io.purplesector.telemetry.proto.kafka.Topics;
import io.purplesector.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two bridge instances behind an imaginary load balancer, each with its own clients: each reads
 * the topics of its own clients' users and nothing else, so that the reading is shared; a client
 * gets everything published from the moment it connected, even for a user whose topic does not
 * exist yet; a user no client watches any more is no longer read.
 */
class ScaleOutIT {

    private static final int FRAMES = 200;

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void twoInstances() {
        first = start();
        second = start();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        first.close();
        second.close();
    }

    @Test
    void eachInstanceReadsTheTopicsOfItsOwnClientsUsersOnly() throws Exception {
        List<String> firstUsers = List.of("scale-a1", "scale-a2", "scale-a3");
        List<String> secondUsers = List.of("scale-b1", "scale-b2");
        String unwatched = "scale-nobody";
        createTopics(firstUsers, secondUsers, List.of(unwatched));
        double firstBefore = received(first);
        double secondBefore = received(second);

        List<TestClient> clients = new ArrayList<>();
        try {
            for (String user : firstUsers) {
                clients.add(connected(first, user));
            }
            clients.add(connected(first, firstUsers.get(0))); // a second viewer of the same user costs no reading
            for (String user : secondUsers) {
                clients.add(connected(second, user));
            }
            // Published right after CONNECTED: nothing between then and the reader's next round is lost.
            for (long sequence = 1; sequence <= FRAMES; sequence++) {
                for (String user : concat(firstUsers, secondUsers, List.of(unwatched))) {
                    producer.send(new ProducerRecord<>(Topics.userTopic(user), "s-" + user, frame(user, sequence)));
                }
            }
            producer.flush();
            for (TestClient client : clients) {
                assertThat(sequences(client, FRAMES)).as("every frame of the client's user, in order")
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, FRAMES).boxed().toList());
            }

            double firstRead = received(first) - firstBefore;
            double secondRead = received(second) - secondBefore;
            System.out.printf("scale-out: records read by the first instance %.0f, by the second %.0f, published %d%n",
                    firstRead, secondRead, FRAMES * 6);
            assertThat(firstRead).isEqualTo(FRAMES * firstUsers.size());
            assertThat(secondRead).isEqualTo(FRAMES * secondUsers.size());
            assertThat(topicsRead(first)).isEqualTo(firstUsers.size());
            assertThat(topicsRead(second)).isEqualTo(secondUsers.size());

            // A viewer joining a user already read changes nothing for the others: no record read twice.
            TestClient late = connected(first, firstUsers.get(1));
            clients.add(late);
            for (String user : concat(firstUsers, secondUsers)) {
                producer.send(new ProducerRecord<>(Topics.userTopic(user), "s-" + user, frame(user, FRAMES + 1)));
            }
            producer.flush();
            for (TestClient client : clients) {
                assertThat(sequences(client, 1)).containsExactly((long) FRAMES + 1);
            }
            assertThat(received(first) - firstBefore).isEqualTo(FRAMES * firstUsers.size() + firstUsers.size());
        } finally {
            clients.forEach(TestClient::close);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> topicsRead(first) == 0 && topicsRead(second) == 0);
        double afterLeaving = received(first);
        producer.send(new ProducerRecord<>(Topics.userTopic(firstUsers.get(1)), "s", frame(firstUsers.get(1), 1))).get();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received(first) == afterLeaving);
    }

    @Test
    void aClientWaitingForAUsersFirstSessionGetsItFromItsStart() throws Exception {
        String user = "scale-late";
        try (TestClient client = connected(first, user)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> topicsAwaited(first) >= 1);
            createTopics(List.of(user));
            producer.send(new ProducerRecord<>(Topics.userTopic(user), "late-session", TelemetryRecord.newBuilder()
                    .setSessionStarted(SessionStarted.newBuilder().setSessionId("late-session").setUserId(user))
                    .build().toByteArray())).get();
            producer.send(new ProducerRecord<>(Topics.userTopic(user), "late-session", frame(user, 1))).get();

            WebSocketMessage started = client.next();
            assertThat(started.getType()).isEqualTo(MessageType.SESSION_STARTED);
            assertThat(started.getSessionStarted().getSessionId()).isEqualTo("late-session");
            assertThat(client.next().getTelemetry().getSequence()).isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BridgeApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--server.port=0",
                "--purplesector.bridge.auth.enabled=false", "--purplesector.bridge.topic-refresh=300ms",
                "--purplesector.bridge.websocket.send-buffer=4096");
    }

    /** A client of the user on the instance, past its CONNECTED, asking for session events too. */
    private static TestClient connected(ConfigurableApplicationContext instance, String user) throws InterruptedException {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        TestClient client = TestClient.connect(port, "?userId=" + user);
        assertThat(client.next().getType()).isEqualTo(MessageType.CONNECTED);
        client.send(WebSocketMessage.newBuilder().setType(MessageType.SUBSCRIBE)
                .setSubscription(io.purplesector.telemetry.proto.Subscription.newBuilder().setEvents(true)).build());
        return client;
    }

    private static List<Long> sequences(TestClient client, int count) throws InterruptedException {
        List<Long> sequences = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (sequences.size() < count && System.currentTimeMillis() < deadline) {
            WebSocketMessage message = client.poll(1_000);
            if (message != null && message.hasTelemetry()) {
                sequences.add(message.getTelemetry().getSequence());
            }
        }
        return sequences;
    }

    @SafeVarargs
    private static void createTopics(List<String>... users) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            admin.createTopics(concat(users).stream().map(user -> new NewTopic(Topics.userTopic(user), 2, (short) 1))
                    .toList()).all().get();
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    private static double received(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).get("bridge.records.received").counter().count();
    }

    private static double topicsRead(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).get("bridge.topics.read").gauge().value();
    }

    private static double topicsAwaited(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class).get("bridge.topics.awaited").gauge().value();
    }

    private static byte[] frame(String user, long sequence) {
        return TelemetryRecord.newBuilder().setFrame(TelemetryFrame.newBuilder().setSessionId("s-" + user)
                .setUserId(user).setSequence(sequence).setTimestamp(System.currentTimeMillis())).build().toByteArray();
    }
}
