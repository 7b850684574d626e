package io.purplesector.telemetry.proto.kafka;

/** A user id that cannot name a Kafka topic, and so cannot be accepted. */
public final class InvalidUserIdException extends IllegalArgumentException {

    private final String userId;

    InvalidUserIdException(String userId, String rule) {
        super("Illegal user id \"" + userId + "\": " + rule);
        this.userId = userId;
    }

    /** The refused id, as it was given. */
    public String userId() {
        return userId;
    }
}
