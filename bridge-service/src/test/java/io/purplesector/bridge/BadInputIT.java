package io.purplesector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.StartDemoSession;
import io.purplesector.telemetry.proto.StopSession;
import io.purplesector.telemetry.proto.Subscription;
import io.purplesector.telemetry.proto.WebSocketMessage;
import io.purplesector.testsupport.BadInput;
import io.purplesector.testsupport.WithTestKafka;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every bad input gets a defined answer, and the bridge goes on serving everyone else. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "purplesector.bridge.auth.enabled=false",
        "purplesector.bridge.websocket.max-message-bytes=1024",
        "purplesector.bridge.websocket.demo-rate-hz=1000",
        // The message rates far above the flood below, so that it fills the client's queue (LimitsIT has the rates).
        "purplesector.bridge.limits.messages-per-client=1000000", "purplesector.bridge.limits.messages-per-user=1000000",
        "purplesector.bridge.limits.messages-per-address=1000000"})
@WithTestKafka
@BadInput
class BadInputIT {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void garbageBytesCloseWith1007AndOthersAreStillServed() throws Exception {
        try (TestClient bad = TestClient.connect(port, "?userId=x");
                TestClient good = TestClient.connect(port, "?userId=x")) {
            bad.next();
            good.next();

            bad.sendBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});

            assertThat(bad.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1007);
            good.send(TestClient.PING);
            assertThat(good.next().getType()).isEqualTo(MessageType.PONG);
        }
    }

    @Test
    void oversizedMessageClosesWith1009() throws Exception {
        try (TestClient client = TestClient.connect(port, "?userId=x")) {
            client.next();

            client.sendBytes(new byte[4096]);

            assertThat(client.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
        }
    }

    @Test
    void textFrameToAProtobufConnectionClosesWith1003() throws Exception {
        try (TestClient client = TestClient.connect(port, "?userId=x")) {
            client.next();

            client.sendText("{\"type\":\"PING\"}");

            assertThat(client.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1003);
        }
    }

    @Test
    void unsupportedTypesAndInvalidRequestsGetAnErrorAndTheConnectionStays() throws Exception {
        try (TestClient client = TestClient.connect(port, "?userId=x");
                TestClient anonymous = TestClient.connect(port, "")) {
            client.next();
            anonymous.next();

            client.send(WebSocketMessage.newBuilder().setType(MessageType.TELEMETRY).build());
            client.sendBytes(new byte[] {0x08, 0x63});
            client.send(WebSocketMessage.newBuilder().setType(MessageType.SUBSCRIBE)
                    .setSubscription(Subscription.newBuilder().setMaxRateHz(5000)).build());
            client.send(WebSocketMessage.newBuilder().setType(MessageType.COMMAND).setCommand(Command.getDefaultInstance()).build());
            client.send(WebSocketMessage.newBuilder().setType(MessageType.COMMAND).setCommand(Command.newBuilder()
                    .setStartDemoSession(StartDemoSession.newBuilder().setRateHz(1_000_000))).build());
            anonymous.send(WebSocketMessage.newBuilder().setType(MessageType.COMMAND)
                    .setCommand(Command.newBuilder().setStopSession(StopSession.getDefaultInstance())).build());

            assertThat(client.next().getStatus().getMessage()).isEqualTo("Unsupported message type TELEMETRY");
            assertThat(client.next().getStatus().getMessage()).isEqualTo("Unsupported message type UNRECOGNIZED");
            assertThat(client.next().getStatus().getMessage()).startsWith("Invalid subscription");
            assertThat(client.next().getStatus().getMessage()).isEqualTo("Invalid command: a command needs an action");
            assertThat(client.next().getStatus().getMessage())
                    .isEqualTo("Invalid command: rate_hz must be 0 (the collector's default) to 120");
            assertThat(anonymous.next().getStatus().getMessage()).startsWith("Commands need a user");
            client.send(TestClient.PING);
            assertThat(client.next().getType()).isEqualTo(MessageType.PONG);
        }
    }

    /**
     * A client that sends PINGs and never reads its PONGs: once its queue is full they are
     * dropped, and counted; the other clients are served as ever.
     */
    @Test
    void pongsDroppedUnderAPingFloodAreCounted() throws Exception {
        double before = pongsDropped();
        try (RawClient flood = new RawClient(port, "?userId=flood")) {
            flood.sendBinary(TestClient.PING.toByteArray(), 20_000);

            await().atMost(Duration.ofSeconds(30)).until(() -> pongsDropped() > before);
            try (TestClient other = TestClient.connect(port, "?userId=x")) {
                assertThat(other.next().getType()).isEqualTo(MessageType.CONNECTED);
                other.send(TestClient.PING);
                assertThat(other.next().getType()).isEqualTo(MessageType.PONG);
            }
        }
    }

    private double pongsDropped() {
        return meters.get("bridge.pongs.dropped").counter().count();
    }

    @Test
    void jsonClientsSpeakTheEarlierJsonShape() throws Exception {
        try (TestClient client = TestClient.connect(port, "?userId=x&format=json")) {
            assertThat(client.texts.poll(10, TimeUnit.SECONDS))
                    .startsWith("{\"type\":\"CONNECTED\",\"data\":{\"message\":\"Connected to Purple Sector\",\"timestamp\":\"");

            client.sendText("{\"type\":\"PING\"}");

            assertThat(client.texts.poll(10, TimeUnit.SECONDS)).startsWith("{\"type\":\"PONG\",\"data\":{");
            client.sendText("{not json");
            assertThat(client.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1007);
        }
    }

    @Test
    void demoPlaybackEndsWithDemoComplete() throws Exception {
        try (TestClient client = TestClient.connect(port, "?userId=x")) {
            client.next();

            client.send(WebSocketMessage.newBuilder().setType(MessageType.START_DEMO).build());

            int frames = 0;
            WebSocketMessage message = client.next();
            while (message.getType() == MessageType.TELEMETRY) {
                assertThat(message.getTelemetry().getUserId()).isEqualTo("x");
                frames++;
                message = client.next();
            }
            assertThat(message.getType()).isEqualTo(MessageType.DEMO_COMPLETE);
            assertThat(frames).isGreaterThan(6000);
        }
    }
}
