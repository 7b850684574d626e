package io.purplesector.telemetry.proto.kafka;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value that is not a usable Purple Sector message. The {@link #reason()} is meant for
 * counting (a metric tag) and the message for people: the bridge counts and skips such records,
 * the database consumer sends them to the dead-letter topic with the reason in a header.
 */
public final class MalformedRecordException extends SerializationException {

    /** Why a value was refused. */
    public enum Reason {
        /** The headers announce an encoding or a message type other than the one expected. */
        UNSUPPORTED_ENCODING,
        /** The bytes are not a valid protobuf encoding of the expected message. */
        NOT_PROTOBUF,
        /** The bytes decode, but carry none of the payloads this reader knows. */
        NO_PAYLOAD
    }

    private final Reason reason;

    MalformedRecordException(Reason reason, String topic, String detail, Throwable cause) {
        super(message(reason, topic, detail), cause);
        this.reason = reason;
    }

    MalformedRecordException(Reason reason, String topic, String detail) {
        super(message(reason, topic, detail));
        this.reason = reason;
    }

    private static String message(Reason reason, String topic, String detail) {
        return "Malformed record on topic " + topic + " (" + reason + "): " + detail;
    }

    public Reason reason() {
        return reason;
    }
}
