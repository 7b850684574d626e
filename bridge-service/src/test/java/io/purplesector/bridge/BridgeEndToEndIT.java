package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.StopSession;
import io.purplesector.telemetry.proto.Subscription;
import io.purplesector.telemetry.proto.WebSocketMessage;
import io.purplesector.testsupport.HttpSurface;
import io.purplesector.testsupport.ServiceProcess;
import io.purplesector.testsupport.TestKafka;
import io.purplesector.testsupport.WithTestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The live path end to end on a real broker: the demo collector publishes for two users, the
 * bridge relays each user's frames to that user's clients only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false",
        "purplesector.bridge.commands-topic=e2e-commands",
        "spring.kafka.admin.auto-create=true"})
@WithTestKafka
class BridgeEndToEndIT {

    @TestConfiguration
    static class CommandsTopic {
        @Bean
        NewTopic commands() {
            return new NewTopic("e2e-commands", 1, (short) 1);
        }
    }

    private static ServiceProcess collector;

    @LocalServerPort
    int port;

    @BeforeEach
    void startTheDemoCollectorOnce() throws Exception {
        if (collector == null) {
            collector = CollectorDemo.start(Path.of("target", "collector-demo-e2e.log"),
                    "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                    "--server.port=0",
                    "--purplesector.demo.users=alice,bob",
                    "--purplesector.demo.commands-topic=e2e-commands");
        }
    }

    @AfterAll
    static void stopTheDemoCollector() throws Exception {
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void eachClientGetsConnectedThenItsOwnUsersFramesInOrder() throws Exception {
        try (TestClient alice = TestClient.connect(port, "?userId=alice");
                TestClient bob = TestClient.connect(port, "?userId=bob")) {
            assertThat(alice.next().getType()).isEqualTo(MessageType.CONNECTED);
            assertThat(bob.next().getType()).isEqualTo(MessageType.CONNECTED);

            // The first frames come once the collector process is up and the bridge has found its
            // users' new topics (metadata refresh, up to 5 s).
            List<WebSocketMessage> aliceFrames = new ArrayList<>(List.of(firstFrame(alice)));
            aliceFrames.addAll(take(alice, 119));
            List<WebSocketMessage> bobFrames = new ArrayList<>(List.of(firstFrame(bob)));
            bobFrames.addAll(take(bob, 119));

            assertThat(aliceFrames).allSatisfy(m -> {
                assertThat(m.getType()).isEqualTo(MessageType.TELEMETRY);
                assertThat(m.getTelemetry().getUserId()).isEqualTo("alice");
            });
            assertThat(bobFrames).allSatisfy(m -> assertThat(m.getTelemetry().getUserId()).isEqualTo("bob"));
            for (int i = 1; i < aliceFrames.size(); i++) {
                assertThat(aliceFrames.get(i).getTelemetry().getSequence())
                        .isEqualTo(aliceFrames.get(i - 1).getTelemetry().getSequence() + 1);
            }
        }
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        try (TestClient client = TestClient.connect(port, "?userId=nobody")) {
            assertThat(client.next().getType()).isEqualTo(MessageType.CONNECTED);

            client.send(TestClient.PING);

            assertThat(client.next().getType()).isEqualTo(MessageType.PONG);
        }
    }

    @Test
    void startDemoStreamsToTheAskingClientOnlyAtThirtyHertz() throws Exception {
        try (TestClient asking = TestClient.connect(port, "?userId=demo-viewer");
                TestClient other = TestClient.connect(port, "?userId=demo-viewer")) {
            asking.next();
            other.next();

            asking.send(WebSocketMessage.newBuilder().setType(MessageType.START_DEMO).build());
            List<WebSocketMessage> frames = take(asking, 91);
            long elapsed = asking.receivedAt.get(asking.receivedAt.size() - 1) - asking.receivedAt.get(1);
            asking.send(WebSocketMessage.newBuilder().setType(MessageType.STOP_DEMO).build());

            assertThat(frames).allSatisfy(m -> assertThat(m.getType()).isEqualTo(MessageType.TELEMETRY));
            assertThat(90_000.0 / elapsed).as("frames per second").isBetween(25.0, 35.0);
            assertThat(other.messages).isEmpty();
        }
    }

    @Test
    void commandFromAClientStopsItsUsersDemoSession() throws Exception {
        try (TestClient alice = TestClient.connect(port, "?userId=alice")) {
            alice.next();
            alice.send(WebSocketMessage.newBuilder().setType(MessageType.SUBSCRIBE)
                    .setSubscription(Subscription.newBuilder().setEvents(true)).build());
            take(alice, 10);

            alice.send(WebSocketMessage.newBuilder().setType(MessageType.COMMAND)
                    .setCommand(Command.newBuilder().setStopSession(StopSession.getDefaultInstance())).build());

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                WebSocketMessage message = alice.next();
                return message.getType() == MessageType.SESSION_ENDED
                        && message.getSessionEnded().getReason() == SessionEndReason.STOPPED_BY_COMMAND;
            });
        }
    }

    @Test
    void actuatorShowsKafkaHealthMetricsAndTheSessionsFlowingThrough() throws Exception {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/actuator/sessions").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.userId == 'alice')].records").isNotEmpty());

        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.details.brokers").isEqualTo(1);
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text)
                        .contains("bridge_clients_connected", "bridge_messages_relayed_total",
                                "bridge_bytes_relayed_bytes_total", "bridge_sessions_active",
                                "kafka_consumer_fetch_manager_records_lag_max"));
    }

    @Test
    void httpShowsTheAgreedActuatorEndpointsOnlyAndErrorsWithoutStackTraces() throws Exception {
        // With authentication off, as here, the bridge also shows the sessions it sees.
        HttpSurface.exposesOnlyTheAgreedActuatorEndpoints(port, "sessions");
        HttpSurface.errorsCarryNoStackTrace(port, "/actuator/metrics/no.such.metric");
        HttpSurface.errorsCarryNoStackTrace(port, "/dashboard/%00");
    }

    private static WebSocketMessage firstFrame(TestClient client) throws InterruptedException {
        WebSocketMessage message = client.poll(60_000);
        if (message == null) {
            throw new AssertionError("no frame within 60 s");
        }
        return message;
    }

    private static List<WebSocketMessage> take(TestClient client, int count) throws InterruptedException {
        List<WebSocketMessage> taken = new ArrayList<>();
        while (taken.size() < count) {
            taken.add(client.next());
        }
        return taken;
    }
}
