package io.purplesector.collector.ac.protocol;

/** A datagram that is not one of the game's structures, with what is wrong with it. */
public class MalformedDatagramException extends RuntimeException {

    /** What was wrong: the tag of the {@code collector.datagrams.malformed} metric. */
    public enum Kind {
        /** A length that is none of 408, 328, 212. */
        WRONG_SIZE,
        /** The right length, but the structure's own identifier or size field disagrees. */
        WRONG_IDENTIFIER,
        /** A NaN or infinite number where the game writes finite ones. */
        NON_FINITE,
        /** A count or time that cannot be (negative laps, lap times, positions). */
        OUT_OF_RANGE,
        /** A name with control characters after the game's '%' terminator is cut away. */
        BAD_TEXT
    }

    private final Kind kind;

    public MalformedDatagramException(Kind kind, String message) {
        // No stack trace: malformed datagrams are expected input, counted, never debugged by trace.
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
