package io.purplesector.telemetry.proto.kafka;

/**
 * A session id that breaks {@linkplain SessionIds the rule}. The message says how, never repeats
 * the id itself (it may be megabytes, or bytes a log cannot hold). Thrown for records from
 * outside, where it is counted and the record set aside, so it carries no stack trace.
 */
public final class InvalidSessionIdException extends IllegalArgumentException {

    InvalidSessionIdException(String problem) {
        super("Invalid session id: " + problem + " (1 to " + SessionIds.MAX_BYTES
                + " bytes of UTF-8, no control characters)");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
