package io.purplesector.collector.ac.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.collector.ac.protocol.AcDatagram;
import io.purplesector.collector.ac.protocol.AcDecoder;
import io.purplesector.collector.ac.protocol.CarInfo;
import io.purplesector.collector.ac.protocol.HandshakeResponse;
import io.purplesector.collector.ac.protocol.LapEvent;
import io.purplesector.collector.ac.protocol.Decoded;
import io.purplesector.collector.ac.protocol.Malformation;
import io.purplesector.collector.plausibility.Plausibility;
import io.purplesector.telemetry.proto.SessionEndReason;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The game's datagrams in, the shared schema's records out: the one path for live UDP and for a
 * replayed capture. A handshake response starts a session when none is open (the game answers
 * each socket's handshake, and each retry); car data and lap events feed it; car data that
 * resumes after the silence timeout belongs to a session that has ended. Every datagram is
 * counted, and one that is not the game's is counted by what is wrong with it and dropped; so is
 * car data or a lap event with a value outside {@link Plausibility}'s ranges. Used
 * by one thread at a time.
 */
public final class AcSessions {

    private static final Logger log = LoggerFactory.getLogger(AcSessions.class);

    /** The source header of the records this collector publishes. */
    public static final String SOURCE = "collector-ac";

    private final AcDecoder decoder = new AcDecoder();
    private final String userId;
    private final int maxRateHz;
    private final long silenceTimeoutMillis;
    private long lastCarDataAt = -1;
    private final Consumer<TelemetryRecord> out;
    private final Counter received;
    private final Counter decoded;
    private final Counter withoutSession;
    private final Map<Malformation, Counter> malformed =
            new EnumMap<>(Malformation.class);
    private final Map<Plausibility.Channel, Counter> implausibleFrames = new EnumMap<>(Plausibility.Channel.class);
    private final Counter implausibleLaps;
    /** Written by the one thread feeding datagrams; read by health checks. */
    private volatile @Nullable AcSession session;

    public AcSessions(String userId, int maxRateHz, Duration silenceTimeout, Consumer<TelemetryRecord> out,
            MeterRegistry registry) {
        this.userId = userId;
        this.maxRateHz = maxRateHz;
        this.silenceTimeoutMillis = silenceTimeout.toMillis();
        this.out = out;
        this.received = Counter.builder("collector.datagrams.received").description("Datagrams from the game")
                .register(registry);
        this.decoded = Counter.builder("collector.datagrams.decoded").description("Datagrams read as the game's")
                .register(registry);
        this.withoutSession = Counter.builder("collector.datagrams.unexpected")
                .description("Car data or lap events before any handshake answer").register(registry);
        for (Malformation kind : Malformation.values()) {
            malformed.put(kind, Counter.builder("collector.datagrams.malformed").tag("kind", kind.name())
                    .description("Datagrams that are not the game's, by what is wrong").register(registry));
        }
        for (Plausibility.Channel channel : Plausibility.Channel.values()) {
            implausibleFrames.put(channel, Counter.builder("collector.frames.implausible").tag("channel", channel.name())
                    .description("Car data dropped for a value no car can have, by channel").register(registry));
        }
        implausibleLaps = Counter.builder("collector.laps.implausible")
                .description("Lap events dropped for a lap number or time no lap can have").register(registry);
    }

    /**
     * Takes one datagram received at {@code receivedAt} (epoch milliseconds).
     *
     * @return what it was, or null when it was malformed
     */
    public @Nullable AcDatagram accept(ByteBuffer datagram, long receivedAt) {
        received.increment();
        Decoded<AcDatagram> result = decoder.decode(datagram);
        if (result instanceof Decoded.Malformed<AcDatagram> bad) {
            malformed.get(bad.reason()).increment();
            log.debug("Dropped a datagram of {} bytes: {}", bad.length(), bad.detail());
            return null;
        }
        AcDatagram value = ((Decoded.Ok<AcDatagram>) result).value();
        decoded.increment();
        if (session != null && lastCarDataAt >= 0 && receivedAt - lastCarDataAt > silenceTimeoutMillis) {
            end(SessionEndReason.GAME_SILENT, lastCarDataAt + silenceTimeoutMillis);
        }
        AcSession current = session;
        if (value instanceof HandshakeResponse response) {
            start(response, receivedAt);
        } else if (current == null) {
            withoutSession.increment();
        } else if (value instanceof CarInfo car) {
            lastCarDataAt = receivedAt;
            current.onCarInfo(car, receivedAt).ifPresent(channel -> implausibleFrames.get(channel).increment());
        } else if (!current.onLapEvent((LapEvent) value, receivedAt)) {
            implausibleLaps.increment();
        }
        return value;
    }

    /** Ends the current session, if any. */
    public void end(SessionEndReason reason, long at) {
        AcSession current = session;
        if (current != null) {
            current.end(reason, at);
            session = null;
            lastCarDataAt = -1;
        }
    }

    public boolean inSession() {
        return session != null;
    }

    /** The current session's id, or null. */
    public @Nullable String sessionId() {
        AcSession current = session;
        return current == null ? null : current.id();
    }

    private void start(HandshakeResponse response, long at) {
        if (session != null) {
            return;
        }
        session = new AcSession("ac-" + at, userId, response, at, maxRateHz, out);
    }
}
