package io.purplesector.collector.plausibility;

import io.purplesector.telemetry.proto.TelemetryFrame;
import java.util.Optional;

/**
 * What a frame may say, per channel, whatever game it comes from: a value outside these ranges
 * is no measurement but a broken or hostile sender (random bytes behind a valid header, a lap
 * count of 2^31 - 1, an engine at 3e38 rpm). A collector drops such a frame whole and counts it
 * by {@link Channel}, before it can move any state (a lap counter, say); it never clamps a value
 * into a true-looking one. Channels not listed here are published as measured.
 *
 * <p>The ranges are wide on purpose: they must never refuse a real car, only the impossible.
 */
public final class Plausibility {

    /** The channels checked, and the reason a frame is dropped for. */
    public enum Channel {
        /** {@code speed}: 0 to {@value #MAX_SPEED_KMH} km/h. */
        SPEED,
        /** {@code throttle}, {@code brake}, {@code clutch}: 0 to 1. */
        PEDALS,
        /** {@code steering}: ±{@value #MAX_STEERING} (degrees for AC, -1 to 1 for ACC). */
        STEERING,
        /** {@code gear}: -1 (reverse) to {@value #MAX_GEAR}. */
        GEAR,
        /** {@code rpm} and {@code engine_rpm}: 0 to {@value #MAX_RPM}. */
        RPM,
        /** {@code normalized_position}: 0 to 1. */
        TRACK_POSITION,
        /** {@code lap_number}: 0 to {@value #MAX_LAP_NUMBER}. */
        LAP_NUMBER,
        /** {@code lap_time}, {@code last_lap_time}, {@code best_lap_time}: 0 to 24 hours. */
        LAP_TIME,
        /** {@code world_x}, {@code world_y}, {@code world_z}: within {@value #MAX_WORLD_METRES} m of the origin. */
        WORLD_POSITION,
        /** {@code g_lateral}, {@code g_longitudinal}, {@code g_vertical}: within ±{@value #MAX_G} g. */
        G_FORCE
    }

    /** Faster than any car that laps a track (land speed records are not driven in a sim session). */
    static final float MAX_SPEED_KMH = 1000;
    /** Three turns of a steering wheel each way. */
    static final float MAX_STEERING = 1080;
    static final int MAX_GEAR = 12;
    /** Above any racing engine (Formula 1's V10s turned about 20,000). */
    static final float MAX_RPM = 30_000;
    /** An endurance race on the shortest oval stays far below. */
    static final int MAX_LAP_NUMBER = 10_000;
    /** The longest lap time accepted, 24 hours: a lap cannot outlast the longest race. */
    public static final int MAX_LAP_TIME_MS = 24 * 60 * 60 * 1000;
    /** No track reaches 100 km from its origin. */
    static final float MAX_WORLD_METRES = 100_000;
    /** Crashes spike far above driving's 5 g, but not this far. */
    static final float MAX_G = 100;
    /** Room for a pedal reading of 1.0000001 from float arithmetic; a value beyond is no pedal. */
    private static final float PEDAL_SLACK = 0.001f;

    private Plausibility() {
    }

    /** The first channel of the frame outside its range, or nothing when the frame is plausible. */
    public static Optional<Channel> implausible(TelemetryFrame frame) {
        Channel channel = null;
        if (!within(frame.getSpeed(), 0, MAX_SPEED_KMH)) {
            channel = Channel.SPEED;
        } else if (!pedal(frame.getThrottle()) || !pedal(frame.getBrake()) || !pedal(frame.getClutch())) {
            channel = Channel.PEDALS;
        } else if (!within(frame.getSteering(), -MAX_STEERING, MAX_STEERING)) {
            channel = Channel.STEERING;
        } else if (frame.getGear() < -1 || frame.getGear() > MAX_GEAR) {
            channel = Channel.GEAR;
        } else if (!within(frame.getRpm(), 0, MAX_RPM) || !within(frame.getEngineRpm(), 0, MAX_RPM)) {
            channel = Channel.RPM;
        } else if (!within(frame.getNormalizedPosition(), 0, 1)) {
            channel = Channel.TRACK_POSITION;
        } else if (frame.getLapNumber() < 0 || frame.getLapNumber() > MAX_LAP_NUMBER) {
            channel = Channel.LAP_NUMBER;
        } else if (!lapTime(frame.getLapTime()) || !lapTime(frame.getLastLapTime())
                || !lapTime(frame.getBestLapTime())) {
            channel = Channel.LAP_TIME;
        } else if (!world(frame.getWorldX()) || !world(frame.getWorldY()) || !world(frame.getWorldZ())) {
            channel = Channel.WORLD_POSITION;
        } else if (!g(frame.getGLateral()) || !g(frame.getGLongitudinal()) || !g(frame.getGVertical())) {
            channel = Channel.G_FORCE;
        }
        return Optional.ofNullable(channel);
    }

    /** Whether a completed lap's number and time can be real: the time above 0, at most 24 hours. */
    public static boolean plausibleLap(int lapNumber, int lapTimeMillis) {
        return lapNumber >= 0 && lapNumber <= MAX_LAP_NUMBER && lapTimeMillis > 0 && lapTimeMillis <= MAX_LAP_TIME_MS;
    }

    private static boolean within(float value, float min, float max) {
        // False for NaN too.
        return value >= min && value <= max;
    }

    private static boolean pedal(float value) {
        return within(value, -PEDAL_SLACK, 1 + PEDAL_SLACK);
    }

    private static boolean lapTime(int millis) {
        return millis >= 0 && millis <= MAX_LAP_TIME_MS;
    }

    private static boolean world(float metres) {
        return within(metres, -MAX_WORLD_METRES, MAX_WORLD_METRES);
    }

    private static boolean g(float value) {
        return within(value, -MAX_G, MAX_G);
    }
}
