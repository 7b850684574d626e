package io.purplesector.dbconsumer.ingest;

/** Why a record went to the dead-letter topic instead of the database. */
public enum DeadLetterReason {
    /** The bytes are not a protobuf TelemetryRecord. */
    NOT_PROTOBUF,
    /** The record decodes but carries no known payload. */
    NO_PAYLOAD,
    /** The headers announce another encoding or message type. */
    UNSUPPORTED_ENCODING,
    /** No value at all (a tombstone). */
    NO_VALUE,
    /** Neither the key nor the payload names a session. */
    NO_SESSION_ID,
    /** The key (or a keyless record's payload) names a session against the session id rule: too long, not UTF-8, a control character. */
    INVALID_SESSION_ID,
    /** A frame whose sequence number is not above the session's newest stored frame. */
    SEQUENCE_NOT_INCREASING,
    /**
     * The record failed its batch again and again for a reason the rules above do not catch (a
     * defect): it was set apart from its batch after the configured attempts so that the rest is stored.
     */
    STORE_FAILED
}
