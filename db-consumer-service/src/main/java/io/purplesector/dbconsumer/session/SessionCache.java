package io.purplesector.dbconsumer.session;

import io.purplesector.dbconsumer.store.SessionStore;
import java.util.ArrayList;
import java.util.Collection;
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
    private final Map<Key, TrackedSession> sessions = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, TrackedSession> eldest) {
            // Never while a batch holds changes of it: those are saved at the end of the batch.
            return size() > MAX_SESSIONS && !eldest.getValue().touched();
        }
    };

    SessionCache(SessionStore store) {
        this.store = store;
    }

    private record Key(String userId, String sessionId) {
    }

    /** The session, read from (or created in) the database if not held here. */
    public TrackedSession get(String userId, String sessionId, TopicPartition partition, long firstRecordAt) {
        return sessions.computeIfAbsent(new Key(userId, sessionId),
                key -> new TrackedSession(store.open(userId, sessionId, firstRecordAt), partition));
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
