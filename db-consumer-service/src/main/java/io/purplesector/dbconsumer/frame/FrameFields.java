package io.purplesector.dbconsumer.frame;

import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.Wheels;
import java.util.Arrays;

/**
 * The values of one {@link TelemetryFrame}, as plain fields that are filled again for every frame
 * (by {@link FrameDecoder} straight from the wire, or from a parsed message): the ingest reads
 * tens of thousands of frames a second, and a message object with seven nested ones per frame
 * costs more to build and collect than storing the frame does. Meaning and units of each field
 * are those of {@code telemetry.proto}.
 */
public final class FrameFields {

    public long timestamp;
    public float speed;
    public float throttle;
    public float brake;
    public float steering;
    public int gear;
    public int rpm;
    public float normalizedPosition;
    public int lapNumber;
    public int lapTime;
    public boolean hasSessionTime;
    public float sessionTime;
    public int sessionType;
    public int trackPosition;
    public int delta;
    public long sequence;
    public float clutch;
    public float engineRpm;
    public int rawGear;
    public boolean limiterActive;
    public float worldX;
    public float worldY;
    public float worldZ;
    public float gLateral;
    public float gLongitudinal;
    public float gVertical;
    /** Front left, front right, rear left, rear right of each {@link WheelSet}, by its ordinal. */
    public final float[][] wheels = new float[WheelSet.values().length][4];
    /** Whether the frame carries each set. */
    public final boolean[] hasWheels = new boolean[WheelSet.values().length];
    public float fuel;
    public boolean absEnabled;
    public boolean absActive;
    public boolean tcEnabled;
    public boolean tcActive;
    /** The {@code PitState} number. */
    public int pitState;
    /** The {@code Flag} number. */
    public int flag;
    public boolean hasLapValid;
    public boolean lapValid;
    public int sector;
    public int lastLapTime;
    public int bestLapTime;
    public float cgHeight;
    public float carSlope;

    /** Back to a frame with nothing set, as protobuf's defaults. */
    public FrameFields clear() {
        timestamp = 0;
        speed = 0;
        throttle = 0;
        brake = 0;
        steering = 0;
        gear = 0;
        rpm = 0;
        normalizedPosition = 0;
        lapNumber = 0;
        lapTime = 0;
        hasSessionTime = false;
        sessionTime = 0;
        sessionType = 0;
        trackPosition = 0;
        delta = 0;
        sequence = 0;
        clutch = 0;
        engineRpm = 0;
        rawGear = 0;
        limiterActive = false;
        worldX = 0;
        worldY = 0;
        worldZ = 0;
        gLateral = 0;
        gLongitudinal = 0;
        gVertical = 0;
        for (float[] set : wheels) {
            Arrays.fill(set, 0);
        }
        Arrays.fill(hasWheels, false);
        fuel = 0;
        absEnabled = false;
        absActive = false;
        tcEnabled = false;
        tcActive = false;
        pitState = 0;
        flag = 0;
        hasLapValid = false;
        lapValid = false;
        sector = 0;
        lastLapTime = 0;
        bestLapTime = 0;
        cgHeight = 0;
        carSlope = 0;
        return this;
    }

    /** Fills these fields from a parsed frame (records that took the slow path, and tests). */
    public FrameFields copyOf(TelemetryFrame frame) {
        clear();
        timestamp = frame.getTimestamp();
        speed = frame.getSpeed();
        throttle = frame.getThrottle();
        brake = frame.getBrake();
        steering = frame.getSteering();
        gear = frame.getGear();
        rpm = frame.getRpm();
        normalizedPosition = frame.getNormalizedPosition();
        lapNumber = frame.getLapNumber();
        lapTime = frame.getLapTime();
        hasSessionTime = frame.hasSessionTime();
        sessionTime = frame.getSessionTime();
        sessionType = frame.getSessionType();
        trackPosition = frame.getTrackPosition();
        delta = frame.getDelta();
        sequence = frame.getSequence();
        clutch = frame.getClutch();
        engineRpm = frame.getEngineRpm();
        rawGear = frame.getRawGear();
        limiterActive = frame.getLimiterActive();
        worldX = frame.getWorldX();
        worldY = frame.getWorldY();
        worldZ = frame.getWorldZ();
        gLateral = frame.getGLateral();
        gLongitudinal = frame.getGLongitudinal();
        gVertical = frame.getGVertical();
        for (WheelSet set : WheelSet.values()) {
            hasWheels[set.ordinal()] = set.presentIn(frame);
            Wheels values = set.valuesIn(frame);
            float[] target = wheels[set.ordinal()];
            target[0] = values.getFrontLeft();
            target[1] = values.getFrontRight();
            target[2] = values.getRearLeft();
            target[3] = values.getRearRight();
        }
        fuel = frame.getFuel();
        absEnabled = frame.getAbsEnabled();
        absActive = frame.getAbsActive();
        tcEnabled = frame.getTcEnabled();
        tcActive = frame.getTcActive();
        pitState = frame.getPitStateValue();
        flag = frame.getFlagValue();
        hasLapValid = frame.hasLapValid();
        lapValid = frame.getLapValid();
        sector = frame.getSector();
        lastLapTime = frame.getLastLapTime();
        bestLapTime = frame.getBestLapTime();
        cgHeight = frame.getCgHeight();
        carSlope = frame.getCarSlope();
        return this;
    }
}
