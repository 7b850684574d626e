package io.purplesector.bridge.websocket;

import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.bridge.BridgeProperties;
import io.purplesector.bridge.auth.ClientIdentity;
import io.purplesector.bridge.command.CommandPublisher;
import io.purplesector.bridge.limits.ClientLimits;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A WebSocket connection to a client: admits it (the handshake filter decided who it is), hands
 * each message it sends to the {@link ClientProtocol} and closes the connection when the protocol
 * says so; silence beyond the idle timeout closes it with 1001, an oversized message with 1009 (by
 * the server's frame limit); a connection beyond the instance's, its user's or its address's
 * connection limit is closed at once, before {@code CONNECTED}, and a message beyond the client's,
 * its user's or its address's rate closes the connection, both with 1008 and the limit named
 * ({@link ClientLimits}). Counts what is relayed.
 */
@Component
class TelemetryWebSocketHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(TelemetryWebSocketHandler.class);

    private final ClientRegistry clients;
    private final ClientProtocol protocol;
    private final BridgeProperties.WebSocket settings;
    private final ClientLimits limits;
    private final Counter relayedMessages;
    private final Counter relayedBytes;

    /** Every connection admitted and not yet ended, to be told when the bridge goes away. */
    private final Set<WebSocketSession> open = ConcurrentHashMap.newKeySet();

    TelemetryWebSocketHandler(ClientRegistry clients, DemoPlayback demo, CommandPublisher commands,
            BridgeProperties properties, ClientLimits limits, MeterRegistry registry) {
        this.clients = clients;
        this.limits = limits;
        this.protocol = new ClientProtocol(demo, commands::publish, registry);
        this.settings = properties.websocket();
        this.relayedMessages = Counter.builder("bridge.messages.relayed")
                .description("Messages written to WebSocket clients").register(registry);
        this.relayedBytes = Counter.builder("bridge.bytes.relayed").baseUnit("bytes")
                .description("Bytes of messages written to WebSocket clients").register(registry);
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
        ClientLimits.Refusal full = limits.admit(identity.userId(), identity.address());
        if (full != null) {
            return session.close(CloseStatus.POLICY_VIOLATION.withReason("Too many connections: " + limits.describe(full)));
        }
        String format = session.getHandshakeInfo().getUri().getQuery() == null ? null
                : UriComponentsBuilder.fromUri(session.getHandshakeInfo().getUri()).build().getQueryParams()
                        .getFirst("format");
        boolean json = format == null ? !settings.protobuf() : format.equalsIgnoreCase("json");
        ClientConnection client = new ClientConnection(UUID.randomUUID().toString(), identity, json,
                frames.outbound(settings.sendBuffer(), this::relayed), settings.maxRateHz());
        clients.add(client);
        open.add(session);
        log.debug("Client {} connected for user '{}' ({})", client.id(), client.userId(), json ? "json" : "protobuf");
        protocol.connected(client);

        Bucket own = limits.clientBucket();
        return session.receive()
                .timeout(settings.idleTimeout())
                .concatMap(message -> onMessage(session, client, identity, own, message))
                .onErrorResume(TimeoutException.class,
                        e -> session.close(CloseStatus.GOING_AWAY.withReason("idle timeout")))
                .then()
                .doFinally(signal -> {
                    open.remove(session);
                    protocol.disconnected(client);
                    clients.remove(client);
                    limits.release(identity.userId(), identity.address());
                    log.debug("Client {} disconnected ({})", client.id(), signal);
                });
    }

    /**
     * Closes every connection with 1001 (going away): its client can connect again at once, to
     * this address or another instance, rather than hold on to a server that is stopping.
     */
    Mono<Void> closeAll() {
        return Flux.fromIterable(List.copyOf(open))
                .flatMap(session -> session.close(CloseStatus.GOING_AWAY.withReason("The bridge is shutting down")))
                .then();
    }

    private void relayed(EncodedFrame frame) {
        if (frame != EncodedFrame.PING) {
            relayedMessages.increment();
            relayedBytes.increment(frame.payloadBytes());
        }
    }

    private Mono<Void> onMessage(WebSocketSession session, ClientConnection client, ClientIdentity identity, Bucket own,
            WebSocketMessage frame) {
        if (frame.getType() == WebSocketMessage.Type.PING || frame.getType() == WebSocketMessage.Type.PONG) {
            return Mono.empty();
        }
        ClientLimits.Refusal over = limits.message(own, identity.userId(), identity.address());
        if (over != null) {
            return session.close(CloseStatus.POLICY_VIOLATION.withReason(limits.describe(over)));
        }
        ClientProtocol.Outcome outcome = protocol.onMessage(client, frame.getType() == WebSocketMessage.Type.TEXT,
                bytes(frame));
        return outcome.closes() ? session.close(new CloseStatus(outcome.closeCode(), outcome.reason())) : Mono.empty();
    }

    private static byte[] bytes(WebSocketMessage frame) {
        DataBuffer payload = frame.getPayload();
        byte[] bytes = new byte[payload.readableByteCount()];
        payload.read(bytes);
        return bytes;
    }
}
