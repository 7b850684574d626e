package io.purplesector.collector.acc.command;

import io.purplesector.telemetry.proto.Command;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Commands waiting for the link's thread, the only one that talks to the game. Bounded: a flood
 * of commands is refused at the door rather than queued without end.
 */
public final class PendingCommands {

    /** Commands that may wait at once; a dashboard sends a few a minute. */
    public static final int CAPACITY = 64;

    private final BlockingQueue<Command> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile @Nullable Runnable wakeUp;

    /** @return false when the queue is full */
    boolean offer(Command command) {
        boolean queued = queue.offer(command);
        Runnable current = wakeUp;
        if (queued && current != null) {
            current.run();
        }
        return queued;
    }

    /** The next command, or null. */
    public @Nullable Command poll() {
        return queue.poll();
    }

    /** What to call when a command is queued, so the link's thread does not wait for its next poll. */
    public void onOffer(Runnable wakeUp) {
        this.wakeUp = wakeUp;
    }
}
