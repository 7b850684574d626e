package io.purplesector.dbconsumer.session;

import io.purplesector.dbconsumer.lap.LapDetector;
import io.purplesector.dbconsumer.store.SessionStore;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * A session the consumer is storing: its row, its lap detector, and what the current batch has
 * added to it. Belongs to the one partition its records come from.
 */
public final class TrackedSession {

    private final long id;
    private final TopicPartition partition;
    private final LapDetector laps;
    private long lastSequence;
    private int framesAdded;
    private @Nullable Long lastFrameAt;
    private boolean touched;

    TrackedSession(SessionStore.StoredSession stored, TopicPartition partition) {
        this.id = stored.id();
        this.partition = partition;
        this.laps = new LapDetector(stored.lapState());
        this.lastSequence = stored.lastSequence();
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

    /** Counts a frame stored in this batch under {@code sequence}. */
    public void frameAdded(long sequence, long timestamp) {
        lastSequence = sequence;
        framesAdded++;
        lastFrameAt = lastFrameAt == null ? timestamp : Math.max(lastFrameAt, timestamp);
        touched = true;
    }

    /** Marks the session as changed by this batch (a lap event, say) without a frame. */
    public void touch() {
        touched = true;
    }

    boolean touched() {
        return touched;
    }

    /** What this batch did to the session; the batch counters start again from zero. */
    SessionStore.Progress takeProgress() {
        SessionStore.Progress progress = new SessionStore.Progress(id, framesAdded, lastSequence, lastFrameAt,
                laps.state());
        framesAdded = 0;
        lastFrameAt = null;
        touched = false;
        return progress;
    }
}
