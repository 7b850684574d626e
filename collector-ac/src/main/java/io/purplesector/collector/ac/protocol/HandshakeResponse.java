package io.purplesector.collector.ac.protocol;

/**
 * The game's answer to a handshake (408 bytes): who drives what, where. {@code identifier} is
 * 4242 and {@code version} 1 in every game build seen so far.
 */
public record HandshakeResponse(String carName, String driverName, int identifier, int version, String trackName,
        String trackConfig) implements AcDatagram {

    public static final int SIZE = 408;
}
