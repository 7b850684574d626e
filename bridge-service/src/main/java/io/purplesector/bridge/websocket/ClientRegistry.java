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
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The connected clients, by the user they watch, and the routing of each telemetry record to the
 * clients of its user (and session) only. Records are routed by one thread, the Kafka listener's.
 */
@Component
public class ClientRegistry {

    private final Map<String, Set<ClientConnection>> clientsByUser = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    /** When each watched user's first client still connected came; changed with {@link #clientsByUser}. */
    private final Map<String, Long> watchedSince = new ConcurrentHashMap<>();
    /** Counts the changes of who is watched, so that a reader sees a change without comparing sets. */
    private final AtomicLong watchChanges = new AtomicLong();
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
        clientsByUser.compute(client.userId(), (user, clients) -> {
            Set<ClientConnection> watchers = clients != null ? clients : new CopyOnWriteArraySet<>();
            if (clients == null) {
                watchedSince.put(user, System.currentTimeMillis());
            }
            watchers.add(client);
            return watchers;
        });
        connected.incrementAndGet();
        watchChanges.incrementAndGet();
    }

    void remove(ClientConnection client) {
        boolean[] removed = new boolean[1];
        clientsByUser.computeIfPresent(client.userId(), (user, clients) -> {
            removed[0] = clients.remove(client);
            if (clients.isEmpty()) {
                watchedSince.remove(user);
                return null;
            }
            return clients;
        });
        if (removed[0]) {
            connected.decrementAndGet();
            watchChanges.incrementAndGet();
        }
    }

    /** Grows whenever a client comes or goes: {@link #watchedUsers()} may have changed. */
    public long watchChanges() {
        return watchChanges.get();
    }

    /**
     * The users at least one client watches now, each with when its first client came (epoch
     * milliseconds): what was published from then on is that client's to see.
     */
    public Map<String, Long> watchedUsers() {
        return Map.copyOf(watchedSince);
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
