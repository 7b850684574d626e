package io.purplesector.collector.demo.session;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.carmodel.demo.DemoSession;
import io.purplesector.carmodel.drive.Car;
import io.purplesector.carmodel.track.Circuits;
import io.purplesector.collector.demo.DemoProperties;
import io.purplesector.collector.publish.TelemetryPublisher;
import io.purplesector.collector.publish.UserTopics;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The sessions this collector is driving: starts them, advances each at its rate on a shared
 * scheduler, publishes what they produce, and pauses, resumes or stops them on request.
 *
 * <p>All changes to one session happen on the scheduler thread (commands are handed to it), so
 * a session is never advanced and stopped at the same time.
 */
@Component
public class DemoSessions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoSessions.class);

    private final DemoProperties properties;
    private final TelemetryPublisher publisher;
    private final UserTopics userTopics;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Running> sessions = new ConcurrentHashMap<>();
    private final AtomicLong nextSeed;
    private volatile boolean running;

    /** A session with its schedule; {@code paused} is only touched on the scheduler thread. */
    private static final class Running {
        final DemoSession session;
        final boolean byCommand;
        ScheduledFuture<?> schedule;
        boolean paused;

        Running(DemoSession session, boolean byCommand) {
            this.session = session;
            this.byCommand = byCommand;
        }
    }

    DemoSessions(DemoProperties properties, TelemetryPublisher publisher, UserTopics userTopics, MeterRegistry registry) {
        this.properties = properties;
        this.publisher = publisher;
        this.userTopics = userTopics;
        this.nextSeed = new AtomicLong(properties.seed());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-sessions");
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("collector.sessions.active", sessions, Map::size)
                .description("Demo sessions being driven").register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void prepareTopicsAndStartConfiguredSessions() {
        // Every topic and its partitions known before the first frame: the publisher's thread
        // would otherwise wait for each new topic's metadata while every session's frames queue.
        // Created even when sessions wait for a command, so that dashboards watch a topic that is
        // there and receive the first session's frames live, not as a backlog once it appears.
        userTopics.ensure(properties.users());
        properties.users().forEach(publisher::prepare);
        if (!properties.autostart()) {
            return;
        }
        for (String user : properties.users()) {
            for (int i = 0; i < properties.sessionsPerUser(); i++) {
                start(user, properties.laps(), nextSeed.getAndIncrement(), properties.rateHz());
            }
        }
    }

    /**
     * Starts a session for a user.
     *
     * @return the new session's id
     */
    public String start(String userId, int laps, long seed, int rateHz) {
        return start(userId, laps, seed, rateHz, false);
    }

    /**
     * Starts a session a command asked for: such sessions count towards the user's limit
     * ({@link #startedByCommand}), and are not restarted when they finish.
     *
     * @return the new session's id
     */
    public String startByCommand(String userId, int laps, long seed, int rateHz) {
        return start(userId, laps, seed, rateHz, true);
    }

    /** How many sessions started by command are running for the user. */
    public long startedByCommand(String userId) {
        return sessions.values().stream()
                .filter(entry -> entry.byCommand && entry.session.settings().userId().equals(userId)).count();
    }

    private String start(String userId, int laps, long seed, int rateHz, boolean byCommand) {
        userTopics.ensure(userId);
        publisher.prepare(userId);
        String sessionId = "demo-" + UUID.randomUUID();
        DemoSession session = new DemoSession(new DemoSession.Settings(sessionId, userId, seed, rateHz, laps),
                Circuits.PURPLE_PARK, Car.PURPLE_GT3, clockFor(rateHz));
        Running entry = new Running(session, byCommand);
        sessions.put(sessionId, entry);
        long periodMicros = Math.max(1, 1_000_000L / ((long) rateHz * properties.timeScale()));
        entry.schedule = scheduler.scheduleAtFixedRate(() -> tick(entry), 0, periodMicros, TimeUnit.MICROSECONDS);
        log.info("Started demo session {} for user '{}' ({} Hz, {} laps, seed {})", sessionId, userId, rateHz,
                laps == 0 ? "unlimited" : laps, seed);
        return sessionId;
    }

    /**
     * Live sessions are stamped with the wall clock; sessions run faster than real time with a
     * clock that moves one frame interval per frame, so their timestamps stay in session time.
     */
    private java.util.function.LongSupplier clockFor(int rateHz) {
        if (properties.timeScale() == 1) {
            return System::currentTimeMillis;
        }
        long start = System.currentTimeMillis();
        AtomicLong readings = new AtomicLong();
        return () -> start + readings.getAndIncrement() * 1000L / rateHz;
    }

    /** Stops the sessions matched (one session, or all of a user when no session id is given). */
    public void stop(String userId, String sessionId, SessionEndReason reason) {
        onSchedulerThread(userId, sessionId, entry -> finish(entry, entry.session.end(reason)));
    }

    public void pause(String userId, String sessionId) {
        onSchedulerThread(userId, sessionId, entry -> entry.paused = true);
    }

    public void resume(String userId, String sessionId) {
        onSchedulerThread(userId, sessionId, entry -> entry.paused = false);
    }

    /** Whether this collector drives sessions for the user. */
    public boolean servesUser(String userId) {
        return properties.users().contains(userId)
                || sessions.values().stream().anyMatch(e -> e.session.settings().userId().equals(userId));
    }

    private void onSchedulerThread(String userId, String sessionId, java.util.function.Consumer<Running> action) {
        scheduler.execute(() -> sessions.values().stream()
                .filter(entry -> entry.session.settings().userId().equals(userId))
                .filter(entry -> sessionId.isEmpty() || entry.session.settings().sessionId().equals(sessionId))
                .toList()
                .forEach(action));
    }

    private void tick(Running entry) {
        if (entry.paused) {
            return;
        }
        try {
            List<TelemetryRecord> records = entry.session.advance();
            records.forEach(publisher::publish);
            if (entry.session.finished()) {
                finish(entry, List.of());
                if (properties.restart() && running && !entry.byCommand) {
                    DemoSession.Settings settings = entry.session.settings();
                    start(settings.userId(), settings.laps(), nextSeed.getAndIncrement(), settings.rateHz());
                }
            }
        } catch (RuntimeException e) {
            // A failing session must not silently stop the scheduler's other sessions.
            log.error("Demo session {} failed and is stopped", entry.session.settings().sessionId(), e);
            finish(entry, entry.session.end(SessionEndReason.SESSION_END_REASON_UNKNOWN));
        }
    }

    private void finish(Running entry, List<TelemetryRecord> lastRecords) {
        lastRecords.forEach(publisher::publish);
        if (entry.schedule != null) {
            entry.schedule.cancel(false);
        }
        if (sessions.remove(entry.session.settings().sessionId()) != null) {
            log.info("Demo session {} ended", entry.session.settings().sessionId());
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every session with a last record before the producer closes. */
    @Override
    public void stop() {
        running = false;
        try {
            scheduler.submit(() -> List.copyOf(sessions.values())
                    .forEach(entry -> finish(entry, entry.session.end(SessionEndReason.COLLECTOR_STOPPED))))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("Could not end every demo session cleanly: {}", e.toString());
        }
        scheduler.shutdownNow();
        publisher.flush();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
