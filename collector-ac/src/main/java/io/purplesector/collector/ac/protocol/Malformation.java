package io.purplesector.collector.ac.protocol;

/** What is wrong with a datagram that is not one of the game's: the tag of {@code collector.datagrams.malformed}. */
public enum Malformation {
    /** A length that is none of the game's structures'. */
    WRONG_SIZE,
    /** The right length, but the structure's own identifier or size field disagrees. */
    WRONG_IDENTIFIER,
    /** A NaN or infinite number where the game writes finite ones. */
    NON_FINITE,
    /** A count or time that cannot be (negative laps, lap times, gear). */
    OUT_OF_RANGE,
    /** A name with control characters after the game's '%' terminator is cut away. */
    BAD_TEXT
}
