package io.purplesector.collector.ac.protocol;

/** One of the three structures the game sends; which one is told by the datagram's length alone. */
public sealed interface AcDatagram permits HandshakeResponse, CarInfo, LapEvent {
}
