package io.purplesector.dbconsumer.session;

import io.purplesector.dbconsumer.lap.LapDetector;
import io.purplesector.dbconsumer.lap.LapState;
import io.purplesector.dbconsumer.store.SessionStore;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * A session the consumer is storing: its row, its lap detector, and what the current batch has
 * added to it. Belongs to the one partition its records come from. A session first seen in this
 * batch has a reserved id but no row until one of its records proves valid.
 */
public final class TrackedSession {

    private final long id;
    private final String userId;
    private final String sessionId;
    private final TopicPartition partition;
    private final LapDetector laps;
    private boolean stored;
    private long lastSequence;
    private int framesAdded;
    private long firstRecordAt = Long.MAX_VALUE;
    private @Nullable Long firstFrameAt;
    private @Nullable Long lastFrameAt;
    private boolean touched;

    TrackedSession(SessionStore.StoredSession stored, TopicPartition partition) {
        this(stored.id(), stored.userId(), stored.sessionId(), partition, stored.lapState(), true);
        this.lastSequence = stored.lastSequence();
    }

    private TrackedSession(long id, String userId, String sessionId, TopicPartition partition, LapState lapState,
            boolean stored) {
        this.id = id;
        this.userId = userId;
        this.sessionId = sessionId;
        this.partition = partition;
        this.laps = new LapDetector(lapState);
        this.stored = stored;
    }

    /** A session the database does not know yet, under an id reserved for it. */
    static TrackedSession unstored(long id, String userId, String sessionId, TopicPartition partition) {
        return new TrackedSession(id, userId, sessionId, partition, LapState.NEW, false);
    }

    public long id() {
        return id;
    }

    TopicPartition partition() {
        return partition;
    }

    public LapDetector laps() {
        return laps;
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** Marks the session as changed by a valid record of this batch, written at {@code recordTime}. */
    public void touch(long recordTime) {
        touched = true;
        firstRecordAt = Math.min(firstRecordAt, recordTime);
    }

    /** Counts a frame stored in this batch under {@code sequence}. */
    public void frameAdded(long sequence, long timestamp) {
        lastSequence = sequence;
        framesAdded++;
        firstFrameAt = firstFrameAt == null ? timestamp : Math.min(firstFrameAt, timestamp);
        lastFrameAt = lastFrameAt == null ? timestamp : Math.max(lastFrameAt, timestamp);
    }

    boolean touched() {
        return touched;
    }

    boolean stored() {
        return stored;
    }

    /** The row to create for a session this batch found valid records of. */
    SessionStore.NewSession toCreate() {
        stored = true;
        long startedAt = firstFrameAt == null ? firstRecordAt : Math.min(firstRecordAt, firstFrameAt);
        return new SessionStore.NewSession(id, userId, sessionId, startedAt);
    }

    /** What this batch did to the session; the batch counters start again from zero. */
    SessionStore.Progress takeProgress() {
        SessionStore.Progress progress = new SessionStore.Progress(id, framesAdded, lastSequence, firstFrameAt,
                lastFrameAt, laps.state());
        framesAdded = 0;
        firstRecordAt = Long.MAX_VALUE;
        firstFrameAt = null;
        lastFrameAt = null;
        touched = false;
        return progress;
    }
}
