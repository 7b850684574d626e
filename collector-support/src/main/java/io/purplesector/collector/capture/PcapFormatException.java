package io.purplesector.collector.capture;

import java.io.IOException;

/** A file that is not a capture this reader understands, with what to do about it. */
public class PcapFormatException extends IOException {

    public PcapFormatException(String message) {
        super(message);
    }
}
