/**
 * ACC's broadcasting protocol (game-protocols.md part B): each inbound message decoded by a pure
 * function over the datagram's bytes into a record, malformed input as a value; the outbound
 * requests encoded. No Spring, no Kafka, no I/O.
 */
@NullMarked
package io.purplesector.collector.acc.protocol;

import org.jspecify.annotations.NullMarked;
