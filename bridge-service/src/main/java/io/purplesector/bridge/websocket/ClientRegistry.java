package io.purplesector.bridge.websocket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.WebSocketMessage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The connected clients, by the user they watch, and the routing of each telemetry record to the
 * clients of its user (and session) only. Records are routed by one thread, the Kafka listener's.
 */
@Component
public class ClientRegistry {

    private final Map<String, Set<ClientConnection>> clientsByUser = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final Counter droppedSlow;
    private final Counter droppedRate;

    ClientRegistry(MeterRegistry registry) {
        Gauge.builder("bridge.clients.connected", connected, AtomicInteger::get)
                .description("WebSocket clients connected").register(registry);
        droppedSlow = dropped(registry, "slow-client");
        droppedRate = dropped(registry, "rate-cap");
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder("bridge.frames.dropped").tag("reason", reason)
                .description("Frames not sent to a client").register(registry);
    }

    void add(ClientConnection client) {
        clientsByUser.computeIfAbsent(client.userId(), user -> new CopyOnWriteArraySet<>()).add(client);
        connected.incrementAndGet();
    }

    void remove(ClientConnection client) {
        Set<ClientConnection> clients = clientsByUser.get(client.userId());
        if (clients != null && clients.remove(client)) {
            connected.decrementAndGet();
            clientsByUser.computeIfPresent(client.userId(), (user, set) -> set.isEmpty() ? null : set);
        }
    }

    /** Pings every client, so that each answers with a pong and live connections never look idle. */
    void pingAll() {
        clientsByUser.values().forEach(clients -> clients.forEach(ClientConnection::ping));
    }

    /** Whether any client watches the user. */
    public boolean watching(String userId) {
        Set<ClientConnection> clients = clientsByUser.get(userId);
        return clients != null && !clients.isEmpty();
    }

    /**
     * Delivers a record of the user to the clients watching that user and the record's session.
     *
     * @param sessionId the record's key, which names its session by the contract and has been
     *        checked against the session id rule (the id in the payload has not)
     */
    public void route(String userId, String sessionId, TelemetryRecord record) {
        Set<ClientConnection> clients = clientsByUser.get(userId);
        if (clients == null || clients.isEmpty()) {
            return;
        }
        if (record.hasFrame()) {
            routeFrame(clients, sessionId, record.getFrame());
        } else {
            routeEvent(clients, sessionId, record);
        }
    }

    private void routeFrame(Set<ClientConnection> clients, String sessionId, TelemetryFrame frame) {
        OutboundMessage message = new OutboundMessage(WebSocketMessage.newBuilder()
                .setType(MessageType.TELEMETRY).setTelemetry(frame).build());
        for (ClientConnection client : clients) {
            if (!client.watches(sessionId)) {
                continue;
            }
            if (!client.frameDue(sessionId, frame.getTimestamp())) {
                droppedRate.increment();
            } else if (!client.offer(message)) {
                droppedSlow.increment();
            }
        }
    }

    private void routeEvent(Set<ClientConnection> clients, String sessionId, TelemetryRecord record) {
        WebSocketMessage.Builder event = WebSocketMessage.newBuilder();
        switch (record.getPayloadCase()) {
            case SESSION_STARTED -> event.setType(MessageType.SESSION_STARTED).setSessionStarted(record.getSessionStarted());
            case LAP_COMPLETED -> event.setType(MessageType.LAP_COMPLETED).setLapCompleted(record.getLapCompleted());
            case SESSION_ENDED -> event.setType(MessageType.SESSION_ENDED).setSessionEnded(record.getSessionEnded());
            case STANDINGS -> event.setType(MessageType.STANDINGS).setStandings(record.getStandings());
            case COMMAND_OUTCOME -> event.setType(MessageType.COMMAND_OUTCOME)
                    .setCommandOutcome(record.getCommandOutcome());
            default -> {
                return;
            }
        }
        OutboundMessage message = new OutboundMessage(event.build());
        boolean standings = record.hasStandings();
        for (ClientConnection client : clients) {
            if (record.hasSessionEnded()) {
                client.sessionEnded(sessionId);
            }
            boolean wanted = standings ? client.wantsStandings() : client.wantsEvents();
            if (wanted && client.watches(sessionId) && !client.offer(message)) {
                droppedSlow.increment();
            }
        }
    }
}
