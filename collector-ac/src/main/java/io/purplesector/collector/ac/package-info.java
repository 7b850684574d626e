/**
 * collector-ac: Assetto Corsa's remote telemetry (UDP 9996) to Kafka. {@code protocol} reads and
 * writes the game's datagrams, {@code session} turns them into the shared schema's records,
 * {@code link} talks to the game, {@code pcap} records and reads captures, {@code replay} runs a
 * capture through the same path; the simulated game that stands in for it lives with the tests.
 */
@NullMarked
package io.purplesector.collector.ac;

import org.jspecify.annotations.NullMarked;
