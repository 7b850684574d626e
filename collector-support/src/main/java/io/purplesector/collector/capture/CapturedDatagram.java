package io.purplesector.collector.capture;

import java.nio.ByteBuffer;

/** A UDP datagram read from a capture: when it was captured, its ports, and its payload. */
public record CapturedDatagram(long timestampMicros, int sourcePort, int destinationPort, ByteBuffer payload) {

    public long timestampMillis() {
        return timestampMicros / 1000;
    }
}
