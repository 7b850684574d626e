package io.purplesector.dbconsumer.store;

import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.Wheels;
import java.util.List;

/**
 * Frames as rows of {@code telemetry_frames}, in PostgreSQL's binary COPY format: the fastest way
 * in, with no text to parse on the server. The column list and the encoding below are one table
 * and must stay in the same order.
 */
public final class FrameRows {

    public static final List<String> COLUMNS = List.of(
            "session_ref", "sequence", "time", "lap_number", "lap_time_ms", "session_time_s", "session_type",
            "track_position", "delta_ms", "normalized_position", "speed_kmh", "throttle", "brake", "clutch",
            "steering", "gear", "raw_gear", "rpm", "engine_rpm", "limiter_active", "world_x", "world_y", "world_z",
            "g_lateral", "g_longitudinal", "g_vertical", "tyre_pressure", "tyre_core_temperature",
            "brake_temperature", "wheel_slip", "wheel_angular_speed", "tyre_load", "suspension_travel", "fuel_l",
            "abs_enabled", "abs_active", "tc_enabled", "tc_active", "pit_state", "flag", "lap_valid", "sector",
            "last_lap_time_ms", "best_lap_time_ms");

    /** The statement that takes what {@link #finish()} returns. */
    public static final String COPY_SQL =
            "COPY telemetry_frames (" + String.join(", ", COLUMNS) + ") FROM STDIN (FORMAT binary)";

    private final CopyBuffer buffer = new CopyBuffer();
    private int rows;

    public FrameRows() {
        buffer.start();
    }

    /** Adds one frame of a session under the sequence number it is stored with. */
    public void add(long sessionRef, long sequence, TelemetryFrame frame) {
        buffer.row(COLUMNS.size());
        buffer.int8(sessionRef);
        buffer.int8(sequence);
        buffer.timestamptz(frame.getTimestamp());
        buffer.int4(frame.getLapNumber());
        buffer.int4(frame.getLapTime());
        if (frame.hasSessionTime()) {
            buffer.float4(frame.getSessionTime());
        } else {
            buffer.nullValue();
        }
        buffer.int4(frame.getSessionType());
        buffer.int4(frame.getTrackPosition());
        buffer.int4(frame.getDelta());
        buffer.float4(frame.getNormalizedPosition());
        buffer.float4(frame.getSpeed());
        buffer.float4(frame.getThrottle());
        buffer.float4(frame.getBrake());
        buffer.float4(frame.getClutch());
        buffer.float4(frame.getSteering());
        buffer.int4(frame.getGear());
        buffer.int4(frame.getRawGear());
        buffer.int4(frame.getRpm());
        buffer.float4(frame.getEngineRpm());
        buffer.bool(frame.getLimiterActive());
        buffer.float4(frame.getWorldX());
        buffer.float4(frame.getWorldY());
        buffer.float4(frame.getWorldZ());
        buffer.float4(frame.getGLateral());
        buffer.float4(frame.getGLongitudinal());
        buffer.float4(frame.getGVertical());
        wheels(frame.hasTyrePressure(), frame.getTyrePressure());
        wheels(frame.hasTyreCoreTemperature(), frame.getTyreCoreTemperature());
        wheels(frame.hasBrakeTemperature(), frame.getBrakeTemperature());
        wheels(frame.hasWheelSlip(), frame.getWheelSlip());
        wheels(frame.hasWheelAngularSpeed(), frame.getWheelAngularSpeed());
        wheels(frame.hasTyreLoad(), frame.getTyreLoad());
        wheels(frame.hasSuspensionTravel(), frame.getSuspensionTravel());
        buffer.float4(frame.getFuel());
        buffer.bool(frame.getAbsEnabled());
        buffer.bool(frame.getAbsActive());
        buffer.bool(frame.getTcEnabled());
        buffer.bool(frame.getTcActive());
        buffer.int4(frame.getPitStateValue());
        buffer.int4(frame.getFlagValue());
        if (frame.hasLapValid()) {
            buffer.bool(frame.getLapValid());
        } else {
            buffer.nullValue();
        }
        buffer.int4(frame.getSector());
        buffer.int4(frame.getLastLapTime());
        buffer.int4(frame.getBestLapTime());
        rows++;
    }

    public int rows() {
        return rows;
    }

    /** Ends the stream; the returned bytes are valid until {@link #clear()}. */
    public CopyStream finish() {
        buffer.finish();
        return new CopyStream(buffer.bytes(), buffer.size(), rows);
    }

    /** Empties the rows, keeping the memory for the next batch. */
    public void clear() {
        rows = 0;
        buffer.start();
    }

    private void wheels(boolean present, Wheels wheels) {
        if (present) {
            buffer.float4Array(wheels.getFrontLeft(), wheels.getFrontRight(), wheels.getRearLeft(),
                    wheels.getRearRight());
        } else {
            buffer.nullValue();
        }
    }

    /** A complete binary COPY stream of {@code rows} rows in {@code bytes[0, length)}. */
    public record CopyStream(byte[] bytes, int length, int rows) {
    }
}
