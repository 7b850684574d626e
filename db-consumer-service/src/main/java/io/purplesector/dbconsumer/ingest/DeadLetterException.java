package io.purplesector.dbconsumer.ingest;

/** Why one record cannot be stored; it travels to the dead-letter topic in the record's headers. */
public final class DeadLetterException extends RuntimeException {

    private final DeadLetterReason reason;

    DeadLetterException(DeadLetterReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    DeadLetterException(DeadLetterReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
