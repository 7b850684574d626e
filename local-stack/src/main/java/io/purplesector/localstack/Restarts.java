package io.purplesector.localstack;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts again a part of the running stack that ended by itself (a crash, a kill, the system
 * running out of memory), as compose's {@code restart: unless-stopped} does for the same services:
 * one second later, then twice as long each time (at most 30 s) while the part keeps ending
 * within a minute of its start. What the stack stops itself stays stopped.
 */
final class Restarts implements AutoCloseable {

    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(30);
    private static final Duration STEADY = Duration.ofMinutes(1);

    /** The stack's running parts, a synchronized list: a restarted part takes its predecessor's place. */
    private final List<ChildProcess> running;
    /** The last delay of each part, by name; used on the scheduler's one thread only. */
    private final Map<String, Duration> delays = new HashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "local-stack-restarts");
        thread.setDaemon(true);
        return thread;
    });
    private boolean stopping;

    Restarts(List<ChildProcess> running) {
        this.running = running;
    }

    /** From now on, starts {@code part} again whenever it ends by itself. */
    void watch(ChildProcess part) {
        part.onExit().thenAcceptAsync(this::ended, scheduler);
    }

    private void ended(ChildProcess part) {
        Duration delay = delays.compute(part.name(), (name, previous) ->
                previous == null || part.uptime().compareTo(STEADY) >= 0 ? FIRST_DELAY
                        : min(previous.multipliedBy(2), LONGEST_DELAY));
        // Said only when it is started again: Ctrl-C in the launcher's terminal interrupts every
        // part too, and the stack stops them within the delay.
        scheduler.schedule(() -> startAgain(part, delay), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void startAgain(ChildProcess part, Duration delay) {
        ChildProcess again;
        synchronized (running) {
            if (stopping) {
                return;
            }
            try {
                again = part.again();
            } catch (StackException e) {
                LocalStack.say(e.getMessage() + "; trying again");
                ended(part);
                return;
            }
            running.set(running.indexOf(part), again);
        }
        LocalStack.say(String.format("%s ended by itself (status %d) after %d s; started again %d s later",
                part.name(), part.exitValue(), part.uptime().toSeconds(), delay.toSeconds()));
        watch(again);
    }

    /**
     * The stack is stopping: parts that end now stay ended. A restart under way has either put its
     * part among the running ones (which the stack then stops) or starts nothing.
     */
    @Override
    public void close() {
        synchronized (running) {
            stopping = true;
        }
        scheduler.shutdownNow();
    }

    private static Duration min(Duration one, Duration other) {
        return one.compareTo(other) <= 0 ? one : other;
    }
}
