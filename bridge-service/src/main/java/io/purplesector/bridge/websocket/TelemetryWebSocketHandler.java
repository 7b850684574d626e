package io.purplesector.bridge.websocket;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.bridge.BridgeProperties;
import io.purplesector.bridge.auth.ClientIdentity;
import io.purplesector.bridge.command.CommandPublisher;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.StatusMessage;
import io.purplesector.telemetry.proto.Subscription;
import io.purplesector.telemetry.proto.WebSocketMessage;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * The WebSocket protocol of a connection: CONNECTED first, then the user's live frames; PING
 * answered with PONG; START_DEMO/STOP_DEMO; SUBSCRIBE; COMMAND. Every bad input has one answer:
 * an unreadable message closes with 1007, a frame of the wrong kind (text for a protobuf client,
 * binary for a JSON one) with 1003, an oversized one with 1009 (by the server's frame limit), an
 * unsupported or invalid message gets an ERROR and the connection stays; silence beyond the idle
 * timeout closes with 1001.
 */
@Component
class TelemetryWebSocketHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(TelemetryWebSocketHandler.class);
    private static final int MAX_SESSION_ID_LENGTH = 256;

    private final ClientRegistry clients;
    private final DemoPlayback demo;
    private final CommandPublisher commands;
    private final BridgeProperties.WebSocket settings;
    private final Counter relayedMessages;
    private final Counter relayedBytes;
    private final Counter pongsDropped;
    /** Registered once, not per refused message. */
    private final Map<Rejection, Counter> rejections = new EnumMap<>(Rejection.class);

    /** Why a client's message is refused: the {@code reason} tag of {@code bridge.client.messages.rejected}. */
    private enum Rejection {
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

    TelemetryWebSocketHandler(ClientRegistry clients, DemoPlayback demo, CommandPublisher commands,
            BridgeProperties properties, MeterRegistry registry) {
        this.clients = clients;
        this.demo = demo;
        this.commands = commands;
        this.settings = properties.websocket();
        this.relayedMessages = Counter.builder("bridge.messages.relayed")
                .description("Messages written to WebSocket clients").register(registry);
        this.relayedBytes = Counter.builder("bridge.bytes.relayed").baseUnit("bytes")
                .description("Bytes of messages written to WebSocket clients").register(registry);
        this.pongsDropped = Counter.builder("bridge.pongs.dropped")
                .description("PONGs not sent: the client's queue was full (it pings faster than it reads)")
                .register(registry);
        for (Rejection rejection : Rejection.values()) {
            rejections.put(rejection, Counter.builder("bridge.client.messages.rejected").tag("reason", rejection.tag)
                    .description("Client messages refused").register(registry));
        }
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        if (!(session instanceof EncodedFrameSession frames)) {
            return Mono.error(new IllegalStateException(
                    "The relay's sessions come from " + EncodedFrameUpgradeStrategy.class.getSimpleName()));
        }
        ClientIdentity identity = (ClientIdentity) session.getAttributes().get(ClientIdentity.ATTRIBUTE);
        if (identity == null) {
            return session.close(CloseStatus.POLICY_VIOLATION.withReason("not admitted by the handshake"));
        }
        String format = session.getHandshakeInfo().getUri().getQuery() == null ? null
                : org.springframework.web.util.UriComponentsBuilder.fromUri(session.getHandshakeInfo().getUri())
                        .build().getQueryParams().getFirst("format");
        boolean json = format == null ? !settings.protobuf() : format.equalsIgnoreCase("json");
        ClientConnection client = new ClientConnection(UUID.randomUUID().toString(), identity, json,
                frames.outbound(settings.sendBuffer(), this::relayed), settings.maxRateHz());
        clients.add(client);
        log.debug("Client {} connected for user '{}' ({})", client.id(), client.userId(), json ? "json" : "protobuf");
        client.offer(status(MessageType.CONNECTED, "Connected to Purple Sector"));

        return session.receive()
                .timeout(settings.idleTimeout())
                .concatMap(message -> onMessage(session, client, message))
                .onErrorResume(TimeoutException.class,
                        e -> session.close(CloseStatus.GOING_AWAY.withReason("idle timeout")))
                .then()
                .doFinally(signal -> {
                    demo.stop(client);
                    clients.remove(client);
                    log.debug("Client {} disconnected ({})", client.id(), signal);
                });
    }

    private void relayed(EncodedFrame frame) {
        if (frame != EncodedFrame.PING) {
            relayedMessages.increment();
            relayedBytes.increment(frame.payloadBytes());
        }
    }

    private Mono<Void> onMessage(WebSocketSession session, ClientConnection client,
            org.springframework.web.reactive.socket.WebSocketMessage frame) {
        var type = frame.getType();
        if (type == org.springframework.web.reactive.socket.WebSocketMessage.Type.PING
                || type == org.springframework.web.reactive.socket.WebSocketMessage.Type.PONG) {
            return Mono.empty();
        }
        boolean text = type == org.springframework.web.reactive.socket.WebSocketMessage.Type.TEXT;
        if (text != client.json()) {
            rejected(Rejection.WRONG_FRAME_TYPE);
            return session.close(CloseStatus.NOT_ACCEPTABLE.withReason(
                    client.json() ? "text JSON messages expected" : "binary protobuf messages expected"));
        }
        WebSocketMessage message;
        try {
            message = text ? MessageCodec.parseJson(frame.getPayloadAsText()) : MessageCodec.parseProtobuf(bytes(frame));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            rejected(Rejection.UNREADABLE);
            return session.close(CloseStatus.BAD_DATA.withReason("unreadable message"));
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
            case COMMAND -> command(client, message);
            default -> {
                rejected(Rejection.UNSUPPORTED_TYPE);
                client.offer(status(MessageType.ERROR, "Unsupported message type " + message.getType()));
            }
        }
        return Mono.empty();
    }

    private void subscribe(ClientConnection client, Subscription subscription) {
        if (subscription.getSessionId().length() > MAX_SESSION_ID_LENGTH
                || subscription.getMaxRateHz() < 0 || subscription.getMaxRateHz() > 1000) {
            rejected(Rejection.INVALID_SUBSCRIPTION);
            client.offer(status(MessageType.ERROR,
                    "Invalid subscription: a session id of at most 256 characters and a rate of 0 to 1000 Hz"));
            return;
        }
        client.subscribe(subscription);
    }

    private void command(ClientConnection client, WebSocketMessage message) {
        try {
            commands.publish(client.userId(), message.getCommand()).whenComplete((id, failure) -> {
                if (failure != null) {
                    client.offer(status(MessageType.ERROR, "Command not delivered: " + failure.getMessage()));
                }
            });
        } catch (IllegalArgumentException e) {
            rejected(Rejection.INVALID_COMMAND);
            client.offer(status(MessageType.ERROR, e.getMessage()));
        }
    }

    private static byte[] bytes(org.springframework.web.reactive.socket.WebSocketMessage frame) {
        DataBuffer payload = frame.getPayload();
        byte[] bytes = new byte[payload.readableByteCount()];
        payload.read(bytes);
        return bytes;
    }

    private void rejected(Rejection reason) {
        rejections.get(reason).increment();
    }

    private static OutboundMessage status(MessageType type, String text) {
        return new OutboundMessage(WebSocketMessage.newBuilder().setType(type)
                .setStatus(StatusMessage.newBuilder().setMessage(text).setTimestamp(System.currentTimeMillis()))
                .build());
    }
}
