package io.purplesector.collector.acc.broadcasting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.acc.protocol.BroadcastingDecoder;
import io.purplesector.collector.acc.protocol.BroadcastingRequests;
import io.purplesector.collector.acc.protocol.Decoded;
import io.purplesector.collector.acc.protocol.InboundMessage;
import io.purplesector.collector.acc.protocol.InboundMessage.EntryList;
import io.purplesector.collector.acc.protocol.InboundMessage.EntryListCar;
import io.purplesector.collector.acc.protocol.InboundMessage.RealtimeCarUpdate;
import io.purplesector.collector.acc.protocol.InboundMessage.RegistrationResult;
import io.purplesector.collector.acc.protocol.InboundMessage.TrackData;
import io.purplesector.collector.acc.protocol.Malformation;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of ACC's broadcasting, per B.7: registers (again every register interval until ACC
 * answers), asks for the entry list and the track once registered, asks for the entry list again
 * when a car it does not know appears or a car's driver count changes (at most once a second, as
 * the SDK does), and registers afresh when ACC has said nothing for the silence timeout. A refused
 * registration and read-only access are said plainly, once each. Every datagram is decoded here;
 * a malformed one is counted by reason and dropped.
 *
 * <p>Cars are kept up to {@link #MAX_CARS}: the index is ACC's, a u16, and nothing from outside
 * grows memory without bound. Used by one thread.
 */
public final class BroadcastingClient {

    private static final Logger log = LoggerFactory.getLogger(BroadcastingClient.class);

    /** Cars remembered at most; ACC's grids hold fewer than a hundred. */
    public static final int MAX_CARS = 256;

    /** Between two entry-list requests for unknown cars (the SDK's throttle, B.7). */
    static final long ENTRY_LIST_THROTTLE_MILLIS = 1_000;

    /** Where the client is in its conversation with the game. */
    public enum State {
        /** Registration sent, no answer yet (game not running, not in a session, or broadcasting off). */
        REGISTERING,
        /** The game refused the registration (wrong connection password); tried again later. */
        REFUSED,
        /** Registered: the game sends the session and the cars. */
        REGISTERED
    }

    private final BroadcastingSettings settings;
    private final Consumer<byte[]> send;
    private final BroadcastingDecoder decoder = new BroadcastingDecoder();
    private final Map<Integer, EntryListCar> cars = new HashMap<>();
    private final Map<Malformation, Counter> malformed = new EnumMap<>(Malformation.class);
    private final Counter received;
    private final Counter registrations;
    private final Counter carsRefused;
    private volatile State state = State.REGISTERING;
    private volatile boolean writeAccess;
    private volatile String refusal = "";
    private int connectionId = -1;
    private @Nullable TrackData track;
    private long nextRegisterAt = Long.MIN_VALUE;
    private long lastHeardAt = Long.MIN_VALUE;
    private long nextEntryListAt = Long.MIN_VALUE;

    public BroadcastingClient(BroadcastingSettings settings, Consumer<byte[]> send, MeterRegistry registry) {
        this.settings = settings;
        this.send = send;
        this.received = Counter.builder("collector.broadcasting.received")
                .description("Datagrams from ACC's broadcasting").register(registry);
        this.registrations = Counter.builder("collector.broadcasting.registrations")
                .description("Registrations sent to ACC").register(registry);
        this.carsRefused = Counter.builder("collector.broadcasting.cars.refused")
                .description("Entry-list cars not kept: more cars than the client keeps").register(registry);
        for (Malformation reason : Malformation.values()) {
            malformed.put(reason, Counter.builder("collector.datagrams.malformed").tag("kind", reason.name())
                    .description("Datagrams that are not ACC's, by what is wrong").register(registry));
        }
    }

    /**
     * Time passes: registers when due, and starts over when the game has gone silent.
     *
     * @return true when the connection was just found lost (the game went silent)
     */
    public boolean tick(long now) {
        boolean lost = false;
        if (state == State.REGISTERED && now - lastHeardAt > settings.silenceTimeout().toMillis()) {
            log.info("ACC's broadcasting said nothing for {} s: registering again",
                    settings.silenceTimeout().toSeconds());
            forget();
            nextRegisterAt = now;
            lost = true;
        }
        if (state != State.REGISTERED && now >= nextRegisterAt) {
            send.accept(BroadcastingRequests.register(settings.displayName(), settings.connectionPassword(),
                    (int) settings.updateInterval().toMillis(), settings.commandPassword()));
            registrations.increment();
            nextRegisterAt = now + settings.registerInterval().toMillis();
        }
        return lost;
    }

    /**
     * Takes one datagram from the game.
     *
     * @return the message, for the merge; null when the datagram was malformed
     */
    public @Nullable InboundMessage accept(ByteBuffer datagram, long now) {
        received.increment();
        Decoded decoded = decoder.decode(datagram);
        if (decoded instanceof Decoded.Malformed bad) {
            malformed.get(bad.reason()).increment();
            log.debug("Dropped a datagram of {} bytes: {}", bad.length(), bad.detail());
            return null;
        }
        InboundMessage message = ((Decoded.Ok) decoded).message();
        lastHeardAt = now;
        if (message instanceof RegistrationResult result) {
            registered(result, now);
        } else if (message instanceof EntryList) {
            // A new entry list replaces the cars; their details follow one by one (B.7).
            cars.clear();
        } else if (message instanceof EntryListCar car) {
            remember(car);
        } else if (message instanceof TrackData data) {
            track = data;
        } else if (message instanceof RealtimeCarUpdate update) {
            EntryListCar known = cars.get(update.carIndex());
            if (known == null || known.drivers().size() != update.driverCount()) {
                requestEntryList(now);
            }
        }
        return message;
    }

    /** Leaves the game's list of clients, when registered (on shutdown). */
    public void unregister() {
        if (state == State.REGISTERED) {
            send.accept(BroadcastingRequests.unregister(connectionId));
            forget();
        }
    }

    /** Sends a command (focus, camera, HUD, replay) built for this connection; false when not allowed. */
    public boolean command(IntFunction<byte[]> request) {
        if (state != State.REGISTERED || !writeAccess) {
            return false;
        }
        send.accept(request.apply(connectionId));
        return true;
    }

    public State state() {
        return state;
    }

    /** Whether commands are allowed (the command password was accepted). */
    public boolean writeAccess() {
        return writeAccess;
    }

    /** Why the last registration was refused, as the game said it; empty when none was. */
    public String refusal() {
        return refusal;
    }

    public @Nullable TrackData track() {
        return track;
    }

    public @Nullable EntryListCar car(int carIndex) {
        return cars.get(carIndex);
    }

    private void registered(RegistrationResult result, long now) {
        if (!result.success()) {
            if (state != State.REFUSED || !refusal.equals(result.errorMessage())) {
                log.warn("ACC refused the registration: \"{}\" (is connectionPassword the one of the game's"
                        + " broadcasting.json?)", result.errorMessage());
            }
            refusal = result.errorMessage();
            state = State.REFUSED;
            return;
        }
        connectionId = result.connectionId();
        writeAccess = result.writeAccess();
        refusal = "";
        state = State.REGISTERED;
        if (writeAccess) {
            log.info("Registered with ACC's broadcasting as connection {}, commands allowed", connectionId);
        } else {
            log.info("Registered with ACC's broadcasting as connection {}, read-only: {}", connectionId,
                    result.errorMessage().isEmpty() ? "commands will be refused" : result.errorMessage());
        }
        send.accept(BroadcastingRequests.requestEntryList(connectionId));
        send.accept(BroadcastingRequests.requestTrackData(connectionId));
        nextEntryListAt = now + ENTRY_LIST_THROTTLE_MILLIS;
    }

    private void remember(EntryListCar car) {
        if (cars.size() >= MAX_CARS && !cars.containsKey(car.carIndex())) {
            carsRefused.increment();
            return;
        }
        cars.put(car.carIndex(), car);
    }

    private void requestEntryList(long now) {
        if (state == State.REGISTERED && now >= nextEntryListAt) {
            send.accept(BroadcastingRequests.requestEntryList(connectionId));
            nextEntryListAt = now + ENTRY_LIST_THROTTLE_MILLIS;
        }
    }

    private void forget() {
        state = State.REGISTERING;
        writeAccess = false;
        connectionId = -1;
        cars.clear();
        track = null;
    }
}
