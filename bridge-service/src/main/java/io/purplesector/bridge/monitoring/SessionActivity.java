package io.purplesector.bridge.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Records and last-seen time per session, for the {@code sessions} actuator endpoint and the
 * {@code bridge.sessions.active} gauge (sessions with a record in the last minute). Bounded in
 * count and in bytes, since session ids come from outside: the least recently seen sessions are
 * forgotten beyond {@value #MAX_SESSIONS}, ended sessions as soon as a watched session's end is
 * read, and each entry is small, its session id a key that kept the session id rule (at most
 * 128 bytes) and its user id a topic's (at most 234 characters): a few megabytes at the most.
 */
@Component
public class SessionActivity {

    static final int MAX_SESSIONS = 10_000;
    static final long ACTIVE_WINDOW_MILLIS = 60_000;

    /** One session as seen by this bridge. */
    public record Session(String sessionId, String userId, long records, Instant lastSeen) {
    }

    /** Sessions are told apart by user too: two users' collectors may pick the same session id. */
    private record Key(String userId, String sessionId) {
    }

    private static final class Seen {
        long records;
        long lastSeen;
    }

    private final Map<Key, Seen> sessions = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Seen> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    SessionActivity(MeterRegistry registry) {
        Gauge.builder("bridge.sessions.active", this, activity -> activity.active())
                .description("Sessions with records seen and not ended").register(registry);
    }

    /** Notes a record of a session read from Kafka (the session id is the record key). */
    public synchronized void seen(String sessionId, String userId, long now) {
        Seen entry = sessions.computeIfAbsent(new Key(userId, sessionId), key -> new Seen());
        entry.records++;
        entry.lastSeen = now;
    }

    /** Forgets a session that has ended. */
    public synchronized void ended(String sessionId, String userId) {
        sessions.remove(new Key(userId, sessionId));
    }

    /** Sessions with a record in the last minute. */
    synchronized long active() {
        long since = System.currentTimeMillis() - ACTIVE_WINDOW_MILLIS;
        return sessions.values().stream().filter(entry -> entry.lastSeen >= since).count();
    }

    /** Every session remembered, the most recently seen first. */
    public synchronized List<Session> sessions() {
        return sessions.entrySet().stream()
                .map(e -> new Session(e.getKey().sessionId(), e.getKey().userId(), e.getValue().records,
                        Instant.ofEpochMilli(e.getValue().lastSeen)))
                .sorted(Comparator.comparing(Session::lastSeen).reversed())
                .toList();
    }
}
