package io.purplesector.collector.acc.protocol;

/**
 * What decoding a datagram gave: the message, or why the bytes are none of ACC's. Bad input is
 * expected on a UDP port, so it is a value to count, not an exception.
 */
public sealed interface Decoded permits Decoded.Ok, Decoded.Malformed {

    /** The bytes were one of ACC's messages. */
    record Ok(InboundMessage message) implements Decoded {
    }

    /** They were not: why, in a word and in a sentence, and how long the datagram was. */
    record Malformed(Malformation reason, String detail, int length) implements Decoded {
    }
}
