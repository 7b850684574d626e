package io.purplesector.collector.acc.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.acc.broadcasting.BroadcastingClient;
import io.purplesector.collector.acc.protocol.CarModels;
import io.purplesector.collector.acc.protocol.InboundMessage;
import io.purplesector.collector.acc.protocol.InboundMessage.EntryListCar;
import io.purplesector.collector.acc.protocol.InboundMessage.RealtimeCarUpdate;
import io.purplesector.collector.acc.protocol.InboundMessage.RealtimeUpdate;
import io.purplesector.collector.acc.protocol.InboundMessage.TrackData;
import io.purplesector.collector.acc.protocol.LapInfo;
import io.purplesector.collector.acc.sharedmemory.GraphicsPage;
import io.purplesector.collector.acc.sharedmemory.PhysicsPage;
import io.purplesector.collector.acc.sharedmemory.StaticPage;
import io.purplesector.collector.plausibility.Plausibility;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.CommandOutcome;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.SessionType;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merge of ACC's two sources into one stream of the player's car.
 *
 * <ul>
 * <li><b>Both</b> ({@link Mode#MERGED}): a frame for every new physics page, with the graphics
 * page's lap and position on the map, and broadcasting's race position, delta, lap and session
 * time of the player's car laid over it; laps from broadcasting, with the game's time, splits and
 * validity (from the page's counter, as below, while broadcasting has no car of the index the
 * page gives the player's).
 * <li><b>Shared memory only</b>: the same frames without broadcasting's timing; laps from the
 * graphics page's counter, with its last lap time and the validity it showed while the lap ran.
 * <li><b>Broadcasting only</b>: a frame per update of the focused car, at the update interval;
 * laps as in the merge.
 * </ul>
 *
 * A session is the game's (its type and index, from whichever source speaks): a new one ends the
 * last ({@code FINISHED}); both sources silent for the silence timeout end it too
 * ({@code GAME_SILENT}). A mode change inside a session keeps the session and is logged. Frames
 * outside {@link Plausibility}'s ranges are counted and dropped before they move any state. Used
 * by one thread.
 */
public final class AccSessions {

    private static final Logger log = LoggerFactory.getLogger(AccSessions.class);

    /** The source header of the records this collector publishes. */
    public static final String SOURCE = "collector-acc";

    private final String userId;
    private final long silenceMillis;
    private final Consumer<TelemetryRecord> out;
    private final Map<Integer, RealtimeCarUpdate> cars = new HashMap<>();
    private final Map<Plausibility.Channel, Counter> implausible = new EnumMap<>(Plausibility.Channel.class);
    private final Map<Mode, Counter> frames = new EnumMap<>(Mode.class);
    private final Counter notLive;
    private @Nullable GraphicsPage graphics;
    private @Nullable StaticPage fixed;
    private long pagesAt = Long.MIN_VALUE;
    private @Nullable RealtimeUpdate realtime;
    private long broadcastAt = Long.MIN_VALUE;
    private @Nullable BroadcastingClient client;
    private volatile Mode mode = Mode.WAITING;
    private volatile @Nullable AccSession session;

    public AccSessions(String userId, Duration silenceTimeout, Consumer<TelemetryRecord> out,
            MeterRegistry registry) {
        this.userId = userId;
        this.silenceMillis = silenceTimeout.toMillis();
        this.out = out;
        for (Plausibility.Channel channel : Plausibility.Channel.values()) {
            implausible.put(channel, Counter.builder("collector.frames.implausible").tag("channel", channel.name())
                    .description("Frames dropped for a value no car can have, by channel").register(registry));
        }
        notLive = Counter.builder("collector.pages.not-live")
                .description("New physics pages while the game is in its menus, a replay or paused").register(registry);
        for (Mode each : List.of(Mode.MERGED, Mode.BROADCASTING_ONLY, Mode.SHARED_MEMORY_ONLY)) {
            frames.put(each, Counter.builder("collector.frames.merged").tag("mode", each.name())
                    .description("Frames built, by the sources they came from").register(registry));
        }
    }

    /**
     * A new physics page (its packet id moved) at {@code at}, with the latest graphics page and
     * the static page when one has been read.
     */
    public void onPages(PhysicsPage physics, GraphicsPage graphics, @Nullable StaticPage fixed, long at) {
        this.graphics = graphics;
        this.fixed = fixed == null ? this.fixed : fixed;
        this.pagesAt = at;
        if (graphics.status() != GraphicsPage.STATUS_LIVE) {
            notLive.increment();
        }
        if (graphics.status() == GraphicsPage.STATUS_OFF) {
            // Back in the menus: the session is over, unless broadcasting still tells of one.
            if (updateMode(at) != Mode.BROADCASTING_ONLY && session != null) {
                end(SessionEndReason.FINISHED, at);
            }
            return;
        }
        if (graphics.status() != GraphicsPage.STATUS_LIVE) {
            // A replay or the pause menu: nothing of the player's driving.
            return;
        }
        Mode now = updateMode(at);
        AccSession current = sessionFor(Frames.sessionTypeOfPages(graphics.sessionType()), graphics.sessionIndex(),
                at);
        TelemetryFrame.Builder frame = Frames.fromPages(physics, graphics);
        RealtimeCarUpdate timing = now == Mode.MERGED ? cars.get(graphics.playerCarId()) : null;
        if (timing != null) {
            Frames.withTiming(frame, timing, realtime);
        }
        if (!plausible(frame)) {
            // Before anything is counted from it: an absurd lap counter must not become a lap.
            return;
        }
        // Broadcasting tells of the player's laps, with splits, when it tells of the player's car;
        // otherwise (broadcasting silent, or no car of the player's index in it) the page's counter does.
        current.onLapCounter(graphics.completedLaps(), graphics.lastLapMs(), graphics.validLap(), timing == null, at);
        publish(current, frame, now, at);
    }

    /** A message from broadcasting at {@code at}, with the client that decoded it. */
    public void onBroadcast(InboundMessage message, BroadcastingClient client, long at) {
        this.client = client;
        if (message instanceof RealtimeUpdate update) {
            realtime = update;
            broadcastAt = at;
            Mode now = updateMode(at);
            if (now == Mode.BROADCASTING_ONLY) {
                sessionFor(Frames.sessionTypeOfBroadcasting(update.sessionType()), update.sessionIndex(), at);
            }
            publishStandings(update, now, at);
        } else if (message instanceof RealtimeCarUpdate car) {
            broadcastAt = at;
            onCar(car, at);
        } else if (message instanceof TrackData || message instanceof EntryListCar) {
            AccSession current = session;
            if (current != null) {
                // What broadcasting learnt after the session started (track length, the driver).
                current.learn(describe(current.type(), at));
            }
        }
    }

    /** Time passes: a session whose game has gone silent on both sources ends. */
    public void tick(long at) {
        if (updateMode(at) == Mode.WAITING && session != null) {
            end(SessionEndReason.GAME_SILENT, Math.max(pagesAt, broadcastAt) + silenceMillis);
        }
    }

    /**
     * Publishes what became of a command, on the session it named or the current one.
     *
     * @param refusal why it was not carried out; null when it was
     * @return false when no session runs, so that there was nothing to publish it on
     */
    public boolean commandOutcome(Command command, @Nullable String refusal, long at) {
        AccSession current = session;
        String sessionId = !command.getSessionId().isEmpty() ? command.getSessionId()
                : current == null ? "" : current.id();
        if (sessionId.isEmpty()) {
            return false;
        }
        out.accept(TelemetryRecord.newBuilder().setCommandOutcome(CommandOutcome.newBuilder()
                .setCommandId(command.getCommandId()).setUserId(userId).setSessionId(sessionId)
                .setAccepted(refusal == null).setReason(refusal == null ? "" : refusal).setDecidedAt(at)).build());
        return true;
    }

    /** The game's session time by broadcasting's last word, milliseconds; empty before one. */
    public OptionalDouble sessionTimeMs() {
        RealtimeUpdate update = realtime;
        return update == null ? OptionalDouble.empty() : OptionalDouble.of(update.sessionTimeMs());
    }

    /** Ends the current session, if any. */
    public void end(SessionEndReason reason, long at) {
        AccSession current = session;
        if (current != null) {
            current.end(reason, at);
            session = null;
            cars.clear();
        }
    }

    public Mode mode() {
        return mode;
    }

    public @Nullable String sessionId() {
        AccSession current = session;
        return current == null ? null : current.id();
    }

    private void onCar(RealtimeCarUpdate car, long at) {
        if (cars.size() >= BroadcastingClient.MAX_CARS && !cars.containsKey(car.carIndex())) {
            return;
        }
        RealtimeCarUpdate previous = cars.put(car.carIndex(), car);
        Mode now = updateMode(at);
        AccSession current = session;
        if (current == null || car.carIndex() != playerCar(now)) {
            return;
        }
        if (previous != null && car.laps() > previous.laps() && now != Mode.SHARED_MEMORY_ONLY) {
            LapInfo lap = car.lastLap();
            current.lapCompleted(car.laps(), Frames.time(lap.lapTimeMs()),
                    lap.splitsMs().stream().filter(split -> split != LapInfo.NO_TIME).toList(), !lap.invalid(), at);
        }
        if (now == Mode.BROADCASTING_ONLY) {
            TelemetryFrame.Builder frame = Frames.fromBroadcasting(car, realtime);
            if (plausible(frame)) {
                publish(current, frame, now, at);
            }
        }
    }

    /**
     * Every car as broadcasting told of them during the last interval: ACC sends the session's
     * update first, then one update per car, so the cars known when the next session update comes
     * are the last interval's.
     */
    private void publishStandings(RealtimeUpdate update, Mode now, long at) {
        AccSession current = session;
        if (current == null || cars.isEmpty()) {
            return;
        }
        out.accept(TelemetryRecord.newBuilder().setStandings(Tower.standings(current.id(), userId, at, cars.values(),
                client, playerCar(now), Frames.time(update.bestSessionLap().lapTimeMs()))).build());
    }

    /** The player's car: the pages name it; without them, the car broadcasting's camera follows. */
    private int playerCar(Mode now) {
        GraphicsPage page = graphics;
        if (now != Mode.BROADCASTING_ONLY && page != null) {
            return page.playerCarId();
        }
        RealtimeUpdate update = realtime;
        return update == null ? -1 : update.focusedCarIndex();
    }

    private boolean plausible(TelemetryFrame.Builder frame) {
        Optional<Plausibility.Channel> problem = Plausibility.implausible(frame.build());
        problem.ifPresent(channel -> implausible.get(channel).increment());
        return problem.isEmpty();
    }

    private void publish(AccSession current, TelemetryFrame.Builder frame, Mode now, long at) {
        frames.get(now).increment();
        current.frame(frame, at);
    }

    private AccSession sessionFor(SessionType type, int index, long at) {
        AccSession current = session;
        if (current != null && current.is(type, index)) {
            return current;
        }
        if (current != null) {
            end(SessionEndReason.FINISHED, at);
        }
        AccSession started = new AccSession("acc-" + at, userId, type, index, at, out);
        started.learn(describe(type, at));
        session = started;
        log.info("Session {} started: {} ({})", started.id(), type, mode);
        return started;
    }

    /** What is known of the session now, from the static page first and broadcasting second. */
    private SessionDescription describe(SessionType type, long at) {
        StaticPage page = fixed;
        BroadcastingClient broadcasting = client;
        TrackData track = broadcasting == null ? null : broadcasting.track();
        EntryListCar car = broadcasting == null ? null : broadcasting.car(playerCar(mode));
        String trackName = page != null && !page.track().isEmpty() ? page.track()
                : track != null ? track.trackName() : "";
        String carModel = page != null && !page.carModel().isEmpty() ? page.carModel()
                : car != null ? CarModels.name(car.carModelType()) : "";
        String driver = page != null && !page.driver().isEmpty() ? page.driver()
                : car != null ? Tower.driver(car, car.currentDriverIndex()) : "";
        return new SessionDescription(trackName, carModel, driver, type, track == null ? 0 : track.trackMeters(),
                page == null ? 0 : page.sectorCount());
    }

    private Mode updateMode(long at) {
        GraphicsPage page = graphics;
        boolean pages = pagesAt != Long.MIN_VALUE && at - pagesAt <= silenceMillis && page != null
                && page.status() != GraphicsPage.STATUS_OFF;
        boolean broadcasting = broadcastAt != Long.MIN_VALUE && at - broadcastAt <= silenceMillis;
        Mode now = pages && broadcasting ? Mode.MERGED
                : pages ? Mode.SHARED_MEMORY_ONLY
                : broadcasting ? Mode.BROADCASTING_ONLY : Mode.WAITING;
        if (now != mode) {
            log.info("{}", describeMode(now));
            mode = now;
        }
        return now;
    }

    private static String describeMode(Mode mode) {
        return switch (mode) {
            case MERGED -> "Hearing shared memory and broadcasting: merged frames at the shared-memory rate";
            case SHARED_MEMORY_ONLY -> "Hearing shared memory only (broadcasting off or not answering):"
                    + " no other cars, laps without splits";
            case BROADCASTING_ONLY -> "Hearing broadcasting only (no shared memory: another PC, or Linux"
                    + " without a bridge): the focused car at the update interval, no pedals or tyres";
            case WAITING -> "Hearing nothing from ACC: waiting for the game";
        };
    }
}
