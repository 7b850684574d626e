package io.purplesector.collector.ac.protocol;

/** A "spot" event (212 bytes): a car of the session completed a lap, in {@code timeMillis}. */
public record LapEvent(int carIdentifierNumber, int lap, String driverName, String carName, int timeMillis)
        implements AcDatagram {

    public static final int SIZE = 212;
}
