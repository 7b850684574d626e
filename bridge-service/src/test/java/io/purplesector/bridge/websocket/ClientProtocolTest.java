package io.purplesector.bridge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.StartDemoSession;
import io.purplesector.telemetry.proto.Subscription;
import io.purplesector.telemetry.proto.WebSocketMessage;
import io.purplesector.testsupport.BadInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What each client message gets in answer, without a server: the protocol against a recording client. */
class ClientProtocolTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> demo = new ArrayList<>();
    private final List<Command> published = new ArrayList<>();
    private CompletableFuture<String> publishing = CompletableFuture.completedFuture("id");
    private final ClientProtocol.Demo demoControl = new ClientProtocol.Demo() {
        @Override
        public void start(ClientProtocol.Client client) {
            demo.add("start");
        }

        @Override
        public void stop(ClientProtocol.Client client) {
            demo.add("stop");
        }
    };
    private final ClientProtocol protocol = new ClientProtocol(demoControl, (userId, command) -> {
        published.add(command.toBuilder().setUserId(userId).build());
        return publishing;
    }, registry);

    @Test
    void aConnectionStartsWithConnectedAndAPingIsAnsweredWithPong() {
        RecordingClient client = new RecordingClient(false, 16);

        protocol.connected(client);
        ClientProtocol.Outcome outcome = protocol.onMessage(client, false, message(MessageType.PING).toByteArray());

        assertThat(outcome.closes()).isFalse();
        assertThat(client.types()).containsExactly(MessageType.CONNECTED, MessageType.PONG);
    }

    @Test
    void aPongThatDoesNotFitTheQueueIsCountedAsDropped() {
        RecordingClient full = new RecordingClient(false, 0);

        protocol.onMessage(full, false, message(MessageType.PING).toByteArray());

        assertThat(registry.get("bridge.pongs.dropped").counter().count()).isEqualTo(1);
    }

    @Test
    @BadInput
    void theWrongKindOfFrameClosesWith1003AndAnUnreadableOneWith1007() {
        RecordingClient protobuf = new RecordingClient(false, 16);
        RecordingClient json = new RecordingClient(true, 16);

        assertThat(protocol.onMessage(protobuf, true, "{\"type\":\"PING\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ClientProtocol.Outcome(1003, "binary protobuf messages expected"));
        assertThat(protocol.onMessage(json, false, new byte[] {1}))
                .isEqualTo(new ClientProtocol.Outcome(1003, "text JSON messages expected"));
        assertThat(protocol.onMessage(protobuf, false, new byte[] {(byte) 0xff, (byte) 0xff}))
                .isEqualTo(new ClientProtocol.Outcome(1007, "unreadable message"));
        assertThat(protocol.onMessage(json, true, "{not json".getBytes(StandardCharsets.UTF_8)).closeCode())
                .isEqualTo(1007);
        assertThat(rejected("wrong-frame-type")).isEqualTo(2);
        assertThat(rejected("unreadable")).isEqualTo(2);
    }

    @Test
    void jsonClientsSpeakTheSameProtocolInText() {
        RecordingClient json = new RecordingClient(true, 16);

        protocol.onMessage(json, true, "{\"type\":\"PING\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(json.types()).containsExactly(MessageType.PONG);
    }

    @Test
    void startAndStopDemoAndTheEndOfTheConnectionReachTheDemo() {
        RecordingClient client = new RecordingClient(false, 16);

        protocol.onMessage(client, false, message(MessageType.START_DEMO).toByteArray());
        protocol.onMessage(client, false, message(MessageType.STOP_DEMO).toByteArray());
        protocol.disconnected(client);

        assertThat(demo).containsExactly("start", "stop", "stop");
    }

    @Test
    @BadInput
    void aSubscriptionWithinTheLimitsIsTakenOneBeyondThemGetsAnError() {
        RecordingClient client = new RecordingClient(false, 16);
        Subscription good = Subscription.newBuilder().setSessionId("s".repeat(256)).setMaxRateHz(1000).build();

        protocol.onMessage(client, false, WebSocketMessage.newBuilder().setType(MessageType.SUBSCRIBE)
                .setSubscription(good).build().toByteArray());
        protocol.onMessage(client, false, WebSocketMessage.newBuilder().setType(MessageType.SUBSCRIBE)
                .setSubscription(good.toBuilder().setSessionId("s".repeat(257))).build().toByteArray());
        protocol.onMessage(client, false, WebSocketMessage.newBuilder().setType(MessageType.SUBSCRIBE)
                .setSubscription(good.toBuilder().setMaxRateHz(1001)).build().toByteArray());

        assertThat(client.subscriptions).containsExactly(good);
        assertThat(client.types()).containsExactly(MessageType.ERROR, MessageType.ERROR);
        assertThat(client.texts().get(0)).contains("at most 256 characters", "0 to 1000 Hz");
        assertThat(rejected("invalid-subscription")).isEqualTo(2);
    }

    @Test
    void aCommandIsPublishedAsTheClientsUserAndARefusalOrAFailedDeliveryIsAnError() {
        RecordingClient client = new RecordingClient(false, 16);
        WebSocketMessage start = WebSocketMessage.newBuilder().setType(MessageType.COMMAND)
                .setCommand(Command.newBuilder().setUserId("somebody-else")
                        .setStartDemoSession(StartDemoSession.newBuilder().setLaps(2))).build();

        protocol.onMessage(client, false, start.toByteArray());
        publishing = CompletableFuture.failedFuture(new IllegalStateException("broker gone"));
        protocol.onMessage(client, false, start.toByteArray());
        ClientProtocol refusing = new ClientProtocol(demoControl, (userId, command) -> {
            throw new IllegalArgumentException("Invalid command: laps 2000");
        }, registry);
        refusing.onMessage(client, false, start.toByteArray());

        assertThat(published).extracting(Command::getUserId).containsExactly("jane", "jane");
        assertThat(client.texts()).containsExactly("Command not delivered: broker gone", "Invalid command: laps 2000");
        assertThat(rejected("invalid-command")).isEqualTo(1);
    }

    @Test
    @BadInput
    void aTypeTheServerDoesNotTakeGetsAnErrorAndTheConnectionStays() {
        RecordingClient client = new RecordingClient(false, 16);

        ClientProtocol.Outcome outcome = protocol.onMessage(client, false,
                message(MessageType.TELEMETRY).toByteArray());

        assertThat(outcome.closes()).isFalse();
        assertThat(client.texts()).containsExactly("Unsupported message type TELEMETRY");
        assertThat(rejected("unsupported-type")).isEqualTo(1);
    }

    private double rejected(String reason) {
        return registry.get("bridge.client.messages.rejected").tag("reason", reason).counter().count();
    }

    private static WebSocketMessage message(MessageType type) {
        return WebSocketMessage.newBuilder().setType(type).build();
    }

    /** A client that keeps what it is sent, up to a queue of the given size. */
    private static final class RecordingClient implements ClientProtocol.Client {
        private final boolean json;
        private final int capacity;
        final List<WebSocketMessage> sent = new ArrayList<>();
        final List<Subscription> subscriptions = new ArrayList<>();

        RecordingClient(boolean json, int capacity) {
            this.json = json;
            this.capacity = capacity;
        }

        @Override
        public String userId() {
            return "jane";
        }

        @Override
        public boolean json() {
            return json;
        }

        @Override
        public boolean offer(OutboundMessage message) {
            if (sent.size() >= capacity) {
                return false;
            }
            sent.add(message.message());
            return true;
        }

        @Override
        public void subscribe(Subscription subscription) {
            subscriptions.add(subscription);
        }

        List<MessageType> types() {
            return sent.stream().map(WebSocketMessage::getType).toList();
        }

        List<String> texts() {
            return sent.stream().map(message -> message.getStatus().getMessage()).toList();
        }
    }
}
