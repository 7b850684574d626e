package io.purplesector.bridge.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.bridge.BridgeProperties;
import io.purplesector.bridge.monitoring.SessionActivity;
import io.purplesector.bridge.websocket.ClientRegistry;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.InvalidSessionIdException;
import io.purplesector.telemetry.proto.kafka.MalformedRecordException;
import io.purplesector.telemetry.proto.kafka.SessionIds;
import io.purplesector.telemetry.proto.kafka.TelemetryRecordDeserializer;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands each telemetry record read from Kafka to the clients of the topic's user: the topic, not
 * the payload, says whose a record is, so a record cannot reach another user's clients by claiming
 * to be theirs. Records come from one thread at a time: the {@link WatchedTopicsReader}'s, or the
 * {@link AllTopicsListener}'s.
 *
 * <p>Records of users nobody is watching (only the all-topics listener reads them) are counted but
 * never decoded. The key is the session id, by the contract, and is checked against the
 * session id rule for every record, watched or not, before anything remembers it; a record whose
 * key breaks it, like a record that cannot be read, is counted and skipped, and so is a frame older
 * than the maximum age: live dashboards want the present, not a burst of the past after an
 * outage. Nothing is retried or parked: a stale frame is worth nothing to a live view, and the
 * database consumer keeps everything.
 */
@Component
class TelemetryDelivery {

    private static final Logger log = LoggerFactory.getLogger(TelemetryDelivery.class);

    /** The {@code reason} of a record skipped because its key breaks the session id rule. */
    static final String INVALID_SESSION_ID = "INVALID_SESSION_ID";

    private final ClientRegistry clients;
    private final SessionActivity activity;
    private final TelemetryRecordDeserializer deserializer = new TelemetryRecordDeserializer();
    private final long maxFrameAgeMillis;
    private final Clock clock;
    private final Counter stale;
    private final Counter received;
    /** One counter per reason a record is unreadable, registered once. */
    private final Map<String, Counter> malformed = new HashMap<>();
    /** The user of each topic read so far, so that no record pays for a regular expression; the reading thread only. */
    private final Map<String, String> usersByTopic = new HashMap<>();

    TelemetryDelivery(ClientRegistry clients, SessionActivity activity, BridgeProperties properties,
            MeterRegistry registry) {
        this.clients = clients;
        this.activity = activity;
        this.maxFrameAgeMillis = properties.maxFrameAge().toMillis();
        this.clock = Clock.systemUTC();
        this.stale = Counter.builder("bridge.frames.dropped").tag("reason", "stale")
                .description("Frames not sent to a client").register(registry);
        this.received = Counter.builder("bridge.records.received")
                .description("Telemetry records read from Kafka").register(registry);
        Stream.concat(Arrays.stream(MalformedRecordException.Reason.values()).map(Enum::name),
                Stream.of(INVALID_SESSION_ID)).forEach(reason -> malformed.put(reason,
                        Counter.builder("bridge.records.malformed").tag("reason", reason)
                                .description("Kafka records that could not be read").register(registry)));
    }

    /** Delivers records read together, in their order. */
    void deliver(Iterable<ConsumerRecord<byte @Nullable [], byte @Nullable []>> records, int count) {
        long now = clock.millis();
        received.increment(count);
        for (ConsumerRecord<byte @Nullable [], byte @Nullable []> record : records) {
            String userId = usersByTopic.computeIfAbsent(record.topic(), Topics::userOf);
            String sessionId;
            try {
                sessionId = SessionIds.fromKey(record.key());
            } catch (InvalidSessionIdException e) {
                skip(record, INVALID_SESSION_ID, e);
                continue;
            }
            activity.seen(sessionId, userId, now);
            byte[] bytes = record.value();
            if (bytes == null || !clients.watching(userId)) {
                continue;
            }
            TelemetryRecord value;
            try {
                value = deserializer.deserialize(record.topic(), record.headers(), bytes);
            } catch (MalformedRecordException e) {
                skip(record, e.reason().name(), e);
                continue;
            }
            if (value.hasSessionEnded()) {
                activity.ended(sessionId, userId);
            }
            if (maxFrameAgeMillis > 0 && value.hasFrame() && now - value.getFrame().getTimestamp() > maxFrameAgeMillis) {
                stale.increment();
                continue;
            }
            clients.route(userId, sessionId, value);
        }
    }

    private void skip(ConsumerRecord<?, ?> record, String reason, RuntimeException problem) {
        malformed.get(reason).increment();
        log.debug("Skipped unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                problem.getMessage());
    }
}
