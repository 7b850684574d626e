package io.purplesector.dbconsumer.session;

import io.purplesector.dbconsumer.store.SessionStore;
import io.purplesector.dbconsumer.store.SessionStore.SessionKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * The sessions the consumer has open, in memory between batches so that a frame costs no query.
 * The database stays the truth: anything dropped from here is read back from it, so entries are
 * dropped freely (least recently used beyond the limit, a partition's on rebalance, all of them
 * after a failed batch). Used by the one consumer thread only.
 */
@Component
public class SessionCache {

    /** Sessions kept at most; far more than are live at once on one instance. */
    static final int MAX_SESSIONS = 10_000;

    private final SessionStore store;
    private final Map<SessionKey, TrackedSession> sessions = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SessionKey, TrackedSession> eldest) {
            // Never while a batch holds changes of it: those are saved at the end of the batch.
            return size() > MAX_SESSIONS && !eldest.getValue().touched();
        }
    };

    SessionCache(SessionStore store) {
        this.store = store;
    }

    /**
     * Makes the sessions of a batch available to {@link #get}: those not held here are read in
     * one query, and those the database does not know get an id reserved (their row is created
     * only if a valid record of theirs arrives, see {@link #takeNew()}).
     */
    public void prepare(Map<SessionKey, TopicPartition> keys) {
        List<SessionKey> missing = keys.keySet().stream().filter(key -> !sessions.containsKey(key)).toList();
        if (missing.isEmpty()) {
            return;
        }
        Map<SessionKey, SessionStore.StoredSession> found = store.find(missing);
        found.forEach((key, stored) -> sessions.put(key, new TrackedSession(stored, keys.get(key))));
        List<SessionKey> unknown = missing.stream().filter(key -> !found.containsKey(key)).toList();
        Iterator<Long> ids = store.reserveIds(unknown.size()).iterator();
        for (SessionKey key : unknown) {
            sessions.put(key, TrackedSession.unstored(ids.next(), key.userId(), key.sessionId(), keys.get(key)));
        }
    }

    /**
     * A session of the batch.
     *
     * @throws IllegalStateException when it was not {@linkplain #prepare prepared}
     */
    public TrackedSession get(SessionKey key) {
        TrackedSession session = sessions.get(key);
        if (session == null) {
            throw new IllegalStateException("Session " + key + " was not prepared for this batch");
        }
        return session;
    }

    /** The rows to create for sessions this batch found valid records of; sessions with none are dropped. */
    public List<SessionStore.NewSession> takeNew() {
        List<SessionStore.NewSession> created = new ArrayList<>();
        sessions.values().removeIf(session -> !session.stored() && !session.touched());
        for (TrackedSession session : sessions.values()) {
            if (!session.stored()) {
                created.add(session.toCreate());
            }
        }
        return created;
    }

    /** Takes what the batch did to each session it touched. */
    public List<SessionStore.Progress> takeProgress() {
        List<SessionStore.Progress> progress = new ArrayList<>();
        for (TrackedSession session : sessions.values()) {
            if (session.touched()) {
                progress.add(session.takeProgress());
            }
        }
        return progress;
    }

    /** Forgets the sessions of some partitions: another instance may write them now. */
    public void forget(Collection<TopicPartition> partitions) {
        sessions.values().removeIf(session -> partitions.contains(session.partition()));
    }

    /** Forgets everything, after a batch that was not committed. */
    public void clear() {
        sessions.clear();
    }
}
