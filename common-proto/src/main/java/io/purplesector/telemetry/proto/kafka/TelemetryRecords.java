package io.purplesector.telemetry.proto.kafka;

import io.purplesector.telemetry.proto.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns a {@link TelemetryRecord} into the Kafka record the contract asks for: the user's topic
 * (or the shared one), the session id as key, and the identity headers.
 */
public final class TelemetryRecords {

    private TelemetryRecords() {
    }

    /** The session a record belongs to, whatever its payload. */
    public static String sessionId(TelemetryRecord record) {
        return switch (record.getPayloadCase()) {
            case FRAME -> record.getFrame().getSessionId();
            case SESSION_STARTED -> record.getSessionStarted().getSessionId();
            case LAP_COMPLETED -> record.getLapCompleted().getSessionId();
            case SESSION_ENDED -> record.getSessionEnded().getSessionId();
            case STANDINGS -> record.getStandings().getSessionId();
            case COMMAND_OUTCOME -> record.getCommandOutcome().getSessionId();
            case PAYLOAD_NOT_SET -> "";
        };
    }

    /** The user a record belongs to, empty for records that carry no user. */
    public static String userId(TelemetryRecord record) {
        return switch (record.getPayloadCase()) {
            case FRAME -> record.getFrame().getUserId();
            case SESSION_STARTED -> record.getSessionStarted().getUserId();
            case LAP_COMPLETED -> record.getLapCompleted().getUserId();
            case SESSION_ENDED -> record.getSessionEnded().getUserId();
            case STANDINGS -> record.getStandings().getUserId();
            case COMMAND_OUTCOME -> record.getCommandOutcome().getUserId();
            case PAYLOAD_NOT_SET -> "";
        };
    }

    /**
     * The Kafka record for a telemetry record: on the user's own topic when the record carries a
     * user, otherwise on {@code sharedTopic}.
     *
     * @param sharedTopic the topic for records without a user ({@link Topics#TELEMETRY} unless
     *        configured otherwise)
     * @param source the producing service, e.g. {@code collector-ac}
     * @throws IllegalArgumentException when the record has no payload or no session id
     * @throws InvalidSessionIdException when the session id breaks {@linkplain SessionIds the rule}
     * @throws InvalidUserIdException when the record's user id cannot name a topic
     */
    public static ProducerRecord<String, TelemetryRecord> producerRecord(
            String sharedTopic, String source, TelemetryRecord record) {
        return destination(sharedTopic, record).producerRecord(source, record);
    }

    /**
     * Where a telemetry record goes: the user's own topic when the record carries a user,
     * otherwise {@code sharedTopic}; its session id as the key.
     *
     * @throws IllegalArgumentException when the record has no payload or no session id
     * @throws InvalidSessionIdException when the session id breaks {@linkplain SessionIds the rule}
     * @throws InvalidUserIdException when the record's user id cannot name a topic
     */
    public static Destination destination(String sharedTopic, TelemetryRecord record) {
        if (record.getPayloadCase() == TelemetryRecord.PayloadCase.PAYLOAD_NOT_SET) {
            throw new IllegalArgumentException("A telemetry record needs a payload");
        }
        String sessionId = sessionId(record);
        if (sessionId.isEmpty()) {
            throw new IllegalArgumentException("A " + record.getPayloadCase() + " record needs a session id");
        }
        SessionIds.requireValid(sessionId);
        String userId = userId(record);
        return new Destination(userId.isEmpty() ? sharedTopic : Topics.userTopic(userId), sessionId, userId);
    }

    /**
     * A telemetry record's topic and key, checked against the contract, apart from its value: a
     * producer that serializes values itself (to keep a backlog as bytes) addresses them with it.
     *
     * @param userId the record's user, empty for none
     */
    public record Destination(String topic, String sessionId, String userId) {

        /** The Kafka record of {@code value} to this destination, with the identity headers. */
        public <V> ProducerRecord<String, V> producerRecord(String source, V value) {
            ProducerRecord<String, V> producerRecord = new ProducerRecord<>(topic, sessionId, value);
            producerRecord.headers()
                    .add(HeaderNames.SESSION_ID, utf8(sessionId))
                    .add(HeaderNames.SOURCE, utf8(source));
            if (!userId.isEmpty()) {
                producerRecord.headers().add(HeaderNames.USER_ID, utf8(userId));
            }
            return producerRecord;
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
