package io.purplesector.dbconsumer.store;

import io.purplesector.dbconsumer.frame.FrameFields;
import io.purplesector.dbconsumer.frame.WheelSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Frames as rows of {@code telemetry_frames} in PostgreSQL's binary COPY format: the fastest way
 * in, with no text to parse on the server. The column list and the encoding below are one table
 * and must stay in the same order.
 */
public final class FrameRows {

    public static final List<String> COLUMNS = Stream.of(
            Stream.of("session_ref", "sequence", "time", "lap_number", "lap_time_ms", "session_time_s", "session_type",
                    "track_position", "delta_ms", "normalized_position", "speed_kmh", "throttle", "brake", "clutch",
                    "steering", "gear", "raw_gear", "rpm", "engine_rpm", "limiter_active", "world_x", "world_y",
                    "world_z", "g_lateral", "g_longitudinal", "g_vertical"),
            Stream.of(WheelSet.values()).flatMap(set -> Stream.of("fl", "fr", "rl", "rr").map(wheel -> set.column() + "_" + wheel)),
            Stream.of("fuel_l", "abs_enabled", "abs_active", "tc_enabled", "tc_active", "pit_state", "flag",
                    "lap_valid", "sector", "last_lap_time_ms", "best_lap_time_ms", "cg_height_m", "car_slope"))
            .flatMap(columns -> columns).collect(ArrayList<String>::new, List::add, List::addAll);

    /** The statement that takes the rows. */
    public static final String COPY_SQL =
            "COPY telemetry_frames (" + String.join(", ", COLUMNS) + ") FROM STDIN (FORMAT binary)";

    private final CopyBuffer buffer;

    FrameRows(CopyBuffer buffer) {
        this.buffer = buffer;
    }

    /** Encodes one frame of a session under the sequence number it is stored with. */
    void add(long sessionRef, long sequence, FrameFields frame) {
        buffer.row(COLUMNS.size());
        buffer.int8(sessionRef);
        buffer.int8(sequence);
        buffer.timestamptz(frame.timestamp);
        buffer.int4(frame.lapNumber);
        buffer.int4(frame.lapTime);
        if (frame.hasSessionTime) {
            buffer.float4(frame.sessionTime);
        } else {
            buffer.nullValue();
        }
        buffer.int4(frame.sessionType);
        buffer.int4(frame.trackPosition);
        buffer.int4(frame.delta);
        buffer.float4(frame.normalizedPosition);
        buffer.float4(frame.speed);
        buffer.float4(frame.throttle);
        buffer.float4(frame.brake);
        buffer.float4(frame.clutch);
        buffer.float4(frame.steering);
        buffer.int4(frame.gear);
        buffer.int4(frame.rawGear);
        buffer.int4(frame.rpm);
        buffer.float4(frame.engineRpm);
        buffer.bool(frame.limiterActive);
        buffer.float4(frame.worldX);
        buffer.float4(frame.worldY);
        buffer.float4(frame.worldZ);
        buffer.float4(frame.gLateral);
        buffer.float4(frame.gLongitudinal);
        buffer.float4(frame.gVertical);
        for (int set = 0; set < frame.wheels.length; set++) {
            for (float value : frame.wheels[set]) {
                if (frame.hasWheels[set]) {
                    buffer.float4(value);
                } else {
                    buffer.nullValue();
                }
            }
        }
        buffer.float4(frame.fuel);
        buffer.bool(frame.absEnabled);
        buffer.bool(frame.absActive);
        buffer.bool(frame.tcEnabled);
        buffer.bool(frame.tcActive);
        buffer.int4(frame.pitState);
        buffer.int4(frame.flag);
        if (frame.hasLapValid) {
            buffer.bool(frame.lapValid);
        } else {
            buffer.nullValue();
        }
        buffer.int4(frame.sector);
        buffer.int4(frame.lastLapTime);
        buffer.int4(frame.bestLapTime);
        buffer.float4(frame.cgHeight);
        buffer.float4(frame.carSlope);
    }
}
