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

    private static final class Seen {
        final String userId;
        long records;
        long lastSeen;

        Seen(String userId) {
            this.userId = userId;
        }
    }

    private final Map<String, Seen> sessions = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    SessionActivity(MeterRegistry registry) {
        Gauge.builder("bridge.sessions.active", this, activity -> activity.active())
                .description("Sessions with records seen and not ended").register(registry);
    }

    /** Notes a record of a session read from Kafka (the session id is the record key). */
    public synchronized void seen(String sessionId, String userId, long now) {
        Seen entry = sessions.computeIfAbsent(sessionId, id -> new Seen(userId));
        entry.records++;
        entry.lastSeen = now;
    }

    /** Forgets a session that has ended. */
    public synchronized void ended(String sessionId) {
        sessions.remove(sessionId);
    }

    /** Sessions with a record in the last minute. */
    synchronized long active() {
        long since = System.currentTimeMillis() - ACTIVE_WINDOW_MILLIS;
        return sessions.values().stream().filter(entry -> entry.lastSeen >= since).count();
    }

    /** Every session remembered, the most recently seen first. */
    public synchronized List<Session> sessions() {
        return sessions.entrySet().stream()
                .map(e -> new Session(e.getKey(), e.getValue().userId, e.getValue().records,
                        Instant.ofEpochMilli(e.getValue().lastSeen)))
                .sorted(Comparator.comparing(Session::lastSeen).reversed())
                .toList();
    }
}
