package io.purplesector.collector.acc.protocol;

/** What is wrong with a datagram that is not one of ACC's broadcasting messages. */
public enum Malformation {
    /** No bytes at all. */
    EMPTY,
    /** A first byte that is no inbound message type (B.6). */
    UNKNOWN_TYPE,
    /** The datagram ends before the message does. */
    TRUNCATED,
    /** Bytes left after the message's last field. */
    TRAILING_BYTES,
    /** A string that is not UTF-8. */
    BAD_TEXT
}
