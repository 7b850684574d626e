package io.purplesector.collector.acc.link;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.acc.replay.PageRecording;
import io.purplesector.collector.acc.session.AccSessions;
import io.purplesector.collector.acc.sharedmemory.GraphicsPage;
import io.purplesector.collector.acc.sharedmemory.Page;
import io.purplesector.collector.acc.sharedmemory.PageReader;
import io.purplesector.collector.acc.sharedmemory.PhysicsPage;
import io.purplesector.collector.acc.sharedmemory.SharedMemorySource;
import io.purplesector.collector.acc.sharedmemory.StaticPage;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One poll of the pages: the physics page when its packet id moved, with the latest graphics
 * page, and the static page at most once a second (it changes when the game loads a session). A
 * page given up as torn is counted and waits for the next poll. When recording, every page copied
 * is written to the recording as it was copied.
 */
final class SharedMemoryPoller {

    /** How often the static page is looked at. */
    private static final long STATIC_EVERY_MILLIS = 1_000;
    /** A page not shared is looked for once a second; one unchanged for 3 s is opened afresh. */
    private static final long RETRY_MILLIS = 1_000;
    private static final long STALE_MILLIS = 3_000;

    private final SharedMemorySource source;
    private final PageReader physics;
    private final PageReader graphics;
    private final PageReader fixed;
    private final AccSessions sessions;
    private final Map<PageReader.Outcome, Counter> outcomes = new EnumMap<>(PageReader.Outcome.class);
    private @Nullable GraphicsPage lastGraphics;
    private @Nullable StaticPage lastStatic;
    private long nextStaticAt = Long.MIN_VALUE;
    private final PageRecording.@Nullable Writer recording;
    private volatile boolean present;

    SharedMemoryPoller(SharedMemorySource source, AccSessions sessions, PageRecording.@Nullable Writer recording,
            MeterRegistry registry) {
        this.source = source;
        this.recording = recording;
        this.sessions = sessions;
        this.physics = new PageReader(source, Page.PHYSICS, RETRY_MILLIS, STALE_MILLIS);
        this.graphics = new PageReader(source, Page.GRAPHICS, RETRY_MILLIS, STALE_MILLIS);
        this.fixed = new PageReader(source, Page.STATIC, RETRY_MILLIS, STALE_MILLIS);
        for (PageReader.Outcome outcome : PageReader.Outcome.values()) {
            outcomes.put(outcome, Counter.builder("collector.pages.reads").tag("outcome", outcome.name())
                    .description("Reads of the physics page, by what they gave").register(registry));
        }
    }

    void poll(long now) {
        PageReader.Outcome outcome = physics.read(now);
        outcomes.get(outcome).increment();
        present = outcome != PageReader.Outcome.ABSENT;
        if (graphics.read(now) == PageReader.Outcome.COPIED) {
            lastGraphics = GraphicsPage.decode(graphics.page());
            record(now, graphics);
        }
        if (now >= nextStaticAt) {
            nextStaticAt = now + STATIC_EVERY_MILLIS;
            if (fixed.read(now) == PageReader.Outcome.COPIED) {
                lastStatic = StaticPage.decode(fixed.page());
                record(now, fixed);
            }
        }
        if (outcome == PageReader.Outcome.COPIED) {
            record(now, physics);
        }
        GraphicsPage page = lastGraphics;
        if (outcome == PageReader.Outcome.COPIED && page != null) {
            sessions.onPages(PhysicsPage.decode(physics.page()), page, lastStatic, now);
        }
    }

    private void record(long now, PageReader page) {
        if (recording != null) {
            recording.write(now * 1000, page.kind(), page.page());
        }
    }

    /** Whether the game shares its physics page now. */
    boolean present() {
        return present;
    }

    String location() {
        return source.location();
    }

    void close() {
        source.close();
    }
}
