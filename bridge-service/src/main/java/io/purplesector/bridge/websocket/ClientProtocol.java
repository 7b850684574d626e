package io.purplesector.bridge.websocket;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.StatusMessage;
import io.purplesector.telemetry.proto.Subscription;
import io.purplesector.telemetry.proto.WebSocketMessage;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The WebSocket protocol of one connection, apart from the socket: what each message a client
 * sends gets in answer. PING is answered with PONG, START_DEMO/STOP_DEMO start and stop a demo
 * session for this client, SUBSCRIBE narrows what it receives, COMMAND goes to its user's
 * collectors. Every bad input has one answer: an unreadable message closes the connection with
 * 1007, a frame of the wrong kind (text for a protobuf client, binary for a JSON one) with 1003;
 * an unsupported or invalid message gets an ERROR and the connection stays. The limits are named
 * here, once.
 */
final class ClientProtocol {

    /** A subscription names a session of at most this many characters... */
    static final int MAX_SUBSCRIBED_SESSION_ID_LENGTH = 256;
    /** ...and asks for at most this many frames a second (0: as they come). */
    static final int MAX_SUBSCRIPTION_RATE_HZ = 1000;

    /** RFC 6455 close codes the protocol answers bad input with. */
    static final int CLOSE_UNSUPPORTED_DATA = 1003;
    static final int CLOSE_INVALID_PAYLOAD = 1007;

    /** A client as the protocol sees it. */
    interface Client {

        String userId();

        boolean json();

        /** Queues a message; false when the client's queue is full and the message dropped. */
        boolean offer(OutboundMessage message);

        void subscribe(Subscription subscription);
    }

    /** A demo session played to one client. */
    interface Demo {

        void start(Client client);

        void stop(Client client);
    }

    /** Publishes a client's command as its user's. */
    @FunctionalInterface
    interface Commands {

        /** @throws IllegalArgumentException when the command is refused before it is published */
        CompletableFuture<String> publish(String userId, Command command);
    }

    /** What the connection does after a message: go on, or close with a close code and reason. */
    record Outcome(int closeCode, String reason) {

        static final Outcome GO_ON = new Outcome(0, "");

        boolean closes() {
            return closeCode != 0;
        }
    }

    /** Why a client's message is refused: the {@code reason} tag of {@code bridge.client.messages.rejected}. */
    enum Rejection {
        WRONG_FRAME_TYPE("wrong-frame-type"),
        UNREADABLE("unreadable"),
        UNSUPPORTED_TYPE("unsupported-type"),
        INVALID_SUBSCRIPTION("invalid-subscription"),
        INVALID_COMMAND("invalid-command");

        final String tag;

        Rejection(String tag) {
            this.tag = tag;
        }
    }

    private final Demo demo;
    private final Commands commands;
    private final Counter pongsDropped;
    /** Registered once, not per refused message. */
    private final Map<Rejection, Counter> rejections = new EnumMap<>(Rejection.class);

    ClientProtocol(Demo demo, Commands commands, MeterRegistry registry) {
        this.demo = demo;
        this.commands = commands;
        this.pongsDropped = Counter.builder("bridge.pongs.dropped")
                .description("PONGs not sent: the client's queue was full (it pings faster than it reads)")
                .register(registry);
        for (Rejection rejection : Rejection.values()) {
            rejections.put(rejection, Counter.builder("bridge.client.messages.rejected").tag("reason", rejection.tag)
                    .description("Client messages refused").register(registry));
        }
    }

    /** The first message of every connection. */
    void connected(Client client) {
        client.offer(status(MessageType.CONNECTED, "Connected to Purple Sector"));
    }

    /**
     * Answers one message.
     *
     * @param text whether it came as a text frame (JSON) rather than a binary one (protobuf)
     */
    Outcome onMessage(Client client, boolean text, byte[] payload) {
        if (text != client.json()) {
            rejected(Rejection.WRONG_FRAME_TYPE);
            return new Outcome(CLOSE_UNSUPPORTED_DATA,
                    client.json() ? "text JSON messages expected" : "binary protobuf messages expected");
        }
        WebSocketMessage message;
        try {
            message = text ? MessageCodec.parseJson(new String(payload, StandardCharsets.UTF_8))
                    : MessageCodec.parseProtobuf(payload);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            rejected(Rejection.UNREADABLE);
            return new Outcome(CLOSE_INVALID_PAYLOAD, "unreadable message");
        }
        switch (message.getType()) {
            case PING -> {
                if (!client.offer(status(MessageType.PONG, "pong"))) {
                    pongsDropped.increment();
                }
            }
            case START_DEMO -> demo.start(client);
            case STOP_DEMO -> demo.stop(client);
            case SUBSCRIBE -> subscribe(client, message.getSubscription());
            case COMMAND -> command(client, message.getCommand());
            default -> {
                rejected(Rejection.UNSUPPORTED_TYPE);
                client.offer(status(MessageType.ERROR, "Unsupported message type " + message.getType()));
            }
        }
        return Outcome.GO_ON;
    }

    /** The connection ends: whatever it started stops. */
    void disconnected(Client client) {
        demo.stop(client);
    }

    private void subscribe(Client client, Subscription subscription) {
        if (subscription.getSessionId().length() > MAX_SUBSCRIBED_SESSION_ID_LENGTH
                || subscription.getMaxRateHz() < 0 || subscription.getMaxRateHz() > MAX_SUBSCRIPTION_RATE_HZ) {
            rejected(Rejection.INVALID_SUBSCRIPTION);
            client.offer(status(MessageType.ERROR, "Invalid subscription: a session id of at most "
                    + MAX_SUBSCRIBED_SESSION_ID_LENGTH + " characters and a rate of 0 to " + MAX_SUBSCRIPTION_RATE_HZ
                    + " Hz"));
            return;
        }
        client.subscribe(subscription);
    }

    private void command(Client client, Command command) {
        try {
            commands.publish(client.userId(), command).whenComplete((id, failure) -> {
                if (failure != null) {
                    client.offer(status(MessageType.ERROR, "Command not delivered: " + failure.getMessage()));
                }
            });
        } catch (IllegalArgumentException e) {
            rejected(Rejection.INVALID_COMMAND);
            client.offer(status(MessageType.ERROR, e.getMessage()));
        }
    }

    private void rejected(Rejection reason) {
        rejections.get(reason).increment();
    }

    static OutboundMessage status(MessageType type, String text) {
        return new OutboundMessage(WebSocketMessage.newBuilder().setType(type)
                .setStatus(StatusMessage.newBuilder().setMessage(text).setTimestamp(System.currentTimeMillis()))
                .build());
    }
}
