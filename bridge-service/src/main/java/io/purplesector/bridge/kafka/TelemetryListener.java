package io.purplesector.bridge.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.purplesector.bridge.BridgeProperties;
import io.purplesector.bridge.monitoring.SessionActivity;
import io.purplesector.bridge.websocket.ClientRegistry;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.MalformedRecordException;
import io.purplesector.telemetry.proto.kafka.TelemetryRecordDeserializer;
import io.purplesector.telemetry.proto.kafka.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads every telemetry topic (the shared one and each user's, new ones included) from the
 * newest record, and hands each record to the clients of the topic's user: the topic, not the
 * payload, says whose a record is, so a record cannot reach another user's clients by claiming
 * to be theirs.
 *
 * <p>Records of users nobody is watching are counted but never decoded, which is most of them on
 * a busy cluster. A record that cannot be read is counted and skipped, and so is a frame older
 * than the maximum age: live dashboards want the present, not a burst of the past after an
 * outage. Nothing is retried or parked: a stale frame is worth nothing to a live view, and the
 * database consumer keeps everything.
 */
@Component
class TelemetryListener {

    private static final Logger log = LoggerFactory.getLogger(TelemetryListener.class);

    private final ClientRegistry clients;
    private final SessionActivity activity;
    private final TelemetryRecordDeserializer deserializer = new TelemetryRecordDeserializer();
    private final long maxFrameAgeMillis;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Counter stale;
    private final Counter received;
    /** The user of each topic read so far, so that no record pays for a regular expression; listener thread only. */
    private final Map<String, String> usersByTopic = new HashMap<>();

    TelemetryListener(ClientRegistry clients, SessionActivity activity, BridgeProperties properties,
            MeterRegistry registry) {
        this.clients = clients;
        this.activity = activity;
        this.maxFrameAgeMillis = properties.maxFrameAge().toMillis();
        this.clock = Clock.systemUTC();
        this.registry = registry;
        this.stale = Counter.builder("bridge.frames.dropped").tag("reason", "stale")
                .description("Frames not sent to a client").register(registry);
        this.received = Counter.builder("bridge.records.received")
                .description("Telemetry records read from Kafka").register(registry);
    }

    private static String userOf(String topic) {
        return Topics.USER_TOPIC_PATTERN.matcher(topic).matches() ? Topics.userIdOf(topic) : "";
    }

    @KafkaListener(id = "bridge-telemetry", topicPattern = "${purplesector.bridge.topic-pattern}",
            groupId = "${purplesector.bridge.group}", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        long now = clock.millis();
        received.increment(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            String userId = usersByTopic.computeIfAbsent(record.topic(), TelemetryListener::userOf);
            activity.seen(record.key() == null ? "" : record.key(), userId, now);
            if (record.value() == null || !clients.watching(userId)) {
                continue;
            }
            TelemetryRecord value;
            try {
                value = deserializer.deserialize(record.topic(), record.headers(), record.value());
            } catch (MalformedRecordException e) {
                Counter.builder("bridge.records.malformed").tag("reason", e.reason().name())
                        .description("Kafka records that could not be read").register(registry).increment();
                log.debug("Skipped unreadable record {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                continue;
            }
            if (value.hasSessionEnded()) {
                activity.ended(value.getSessionEnded().getSessionId());
            }
            if (maxFrameAgeMillis > 0 && value.hasFrame() && now - value.getFrame().getTimestamp() > maxFrameAgeMillis) {
                stale.increment();
                continue;
            }
            clients.route(userId, value);
        }
    }
}
