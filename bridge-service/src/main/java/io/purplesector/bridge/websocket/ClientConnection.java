package io.purplesector.bridge.websocket;

import io.purplesector.bridge.auth.ClientIdentity;
import io.purplesector.telemetry.proto.Subscription;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connected client: what it watches and its outbound queue. Offering never blocks: when the
 * queue is full (the client reads slower than frames arrive) the message is dropped for this
 * client alone, so a slow client costs neither memory beyond its queue nor other clients' latency.
 */
final class ClientConnection implements ClientProtocol.Client {

    /** Sessions whose rate-cap state a client keeps; a user drives one at a time. */
    static final int MAX_RATE_CAPPED_SESSIONS = 64;

    private final String id;
    private final ClientIdentity identity;
    private final boolean json;
    private final int defaultMaxRateHz;
    private final ClientOutbound outbound;
    private volatile Subscription subscription = Subscription.getDefaultInstance();
    /**
     * Timestamp of the last frame sent per session, for the rate cap; routing thread only. Session
     * ids come from outside, so the sessions remembered are bounded (the least recently sent to
     * forgotten first: a session forgotten only gets one frame early).
     */
    private final Map<String, Long> lastFrameAt = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_RATE_CAPPED_SESSIONS;
        }
    };

    ClientConnection(String id, ClientIdentity identity, boolean json, ClientOutbound outbound, int defaultMaxRateHz) {
        this.id = id;
        this.identity = identity;
        this.json = json;
        this.outbound = outbound;
        this.defaultMaxRateHz = defaultMaxRateHz;
    }

    String id() {
        return id;
    }

    @Override
    public String userId() {
        return identity.userId();
    }

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public void subscribe(Subscription subscription) {
        this.subscription = subscription;
    }

    boolean wantsEvents() {
        return subscription.getEvents();
    }

    boolean wantsStandings() {
        return subscription.getStandings();
    }

    /** Whether the client watches this session (all of its user's sessions unless it chose one). */
    boolean watches(String sessionId) {
        String chosen = subscription.getSessionId();
        return chosen.isEmpty() || chosen.equals(sessionId);
    }

    /**
     * Whether a frame of the session taken at {@code timestamp} is due under the client's rate
     * cap; remembers it as sent when it is.
     */
    boolean frameDue(String sessionId, long timestamp) {
        int rate = subscription.getMaxRateHz() > 0 ? subscription.getMaxRateHz() : defaultMaxRateHz;
        if (rate <= 0) {
            return true;
        }
        Long last = lastFrameAt.get(sessionId);
        // A little slack, so that a 60 Hz stream capped at 30 Hz keeps every second frame.
        if (last != null && timestamp - last < 1000L / rate - 2) {
            return false;
        }
        lastFrameAt.put(sessionId, timestamp);
        return true;
    }

    /** Forgets a session's rate-cap state once it has ended. */
    void sessionEnded(String sessionId) {
        lastFrameAt.remove(sessionId);
    }

    /**
     * Queues a message for the client.
     *
     * @return false when it was dropped because the client's queue is full or the client is gone
     */
    @Override
    public boolean offer(OutboundMessage message) {
        return outbound.offer(message.encodedFor(json));
    }

    /** Queues a WebSocket ping; skipped when the queue is full (the client is behind anyway). */
    void ping() {
        outbound.offer(EncodedFrame.PING);
    }
}
