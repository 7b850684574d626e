package io.purplesector.collector.ac.protocol;

/**
 * What decoding a datagram gave: the structure, or why the bytes are none of the game's. Bad input
 * is expected here (anything can reach a UDP port), so it is a value to count, not an exception.
 */
public sealed interface Decoded<T> permits Decoded.Ok, Decoded.Malformed {

    /** The bytes were one of the game's structures. */
    record Ok<T>(T value) implements Decoded<T> {
    }

    /**
     * The bytes were not: why, in a word and in a sentence.
     *
     * @param length the datagram's length, in bytes
     */
    record Malformed<T>(Malformation reason, String detail, int length) implements Decoded<T> {
    }

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> malformed(Malformation reason, String detail, int length) {
        return new Malformed<>(reason, detail, length);
    }
}
