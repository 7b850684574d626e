package io.purplesector.collector.acc.sharedmemory;

import java.nio.ByteBuffer;

/**
 * SPageFilePhysics (C.2), the fields ACC fills: the player's car at the physics rate. Units as
 * the game gives them: pedals 0–1, steering −1–1, km/h, g, psi, °C, radians per second, metres.
 *
 * @param packetId advances with every step the game writes (C.7); unchanged means nothing new
 * @param rawGear the game's gear: 0 reverse, 1 neutral, 2 first (C.6.5); see {@link #gear()}
 * @param accG the g-forces, x lateral, y vertical, z longitudinal
 * @param tcActive traction control intervening (the float "tc", C.6.4)
 * @param absActive ABS intervening (the float "abs", C.6.4)
 */
public record PhysicsPage(int packetId, float gas, float brake, float fuel, int rawGear, int rpm, float steerAngle,
        float speedKmh, Vector3 velocity, Vector3 accG, Wheels wheelSlip, Wheels tyrePressure,
        Wheels wheelAngularSpeed, Wheels tyreCoreTemperature, Wheels suspensionTravel, float tcActive,
        float heading, float pitch, float roll, boolean pitLimiterOn, float absActive, float airTemperature,
        float roadTemperature, Wheels brakeTemperature, float clutch, boolean aiControlled, float brakeBias,
        Wheels slipRatio, Wheels slipAngle, float waterTemperature, boolean engineRunning) {

    // Offsets of C.2, computed from ACCSMDOC v1.8.12's field order with pack(4).
    static final int PACKET_ID = 0;
    static final int GAS = 4;
    static final int BRAKE = 8;
    static final int FUEL = 12;
    static final int GEAR = 16;
    static final int RPMS = 20;
    static final int STEER_ANGLE = 24;
    static final int SPEED_KMH = 28;
    static final int VELOCITY = 32;
    static final int ACC_G = 44;
    static final int WHEEL_SLIP = 56;
    static final int WHEELS_PRESSURE = 88;
    static final int WHEEL_ANGULAR_SPEED = 104;
    static final int TYRE_CORE_TEMPERATURE = 152;
    static final int SUSPENSION_TRAVEL = 184;
    static final int TC = 204;
    static final int HEADING = 208;
    static final int PITCH = 212;
    static final int ROLL = 216;
    static final int PIT_LIMITER_ON = 248;
    static final int ABS = 252;
    static final int AIR_TEMP = 288;
    static final int ROAD_TEMP = 292;
    static final int BRAKE_TEMP = 348;
    static final int CLUTCH = 364;
    static final int IS_AI_CONTROLLED = 416;
    static final int BRAKE_BIAS = 564;
    static final int SLIP_RATIO = 640;
    static final int SLIP_ANGLE = 656;
    static final int WATER_TEMP = 712;
    static final int IS_ENGINE_RUNNING = 780;

    /** Decodes the first 800 bytes of the buffer's remaining ones; anything shorter is refused. */
    public static PhysicsPage decode(ByteBuffer bytes) {
        ByteBuffer page = PageFields.of(bytes, Page.PHYSICS);
        return new PhysicsPage(page.getInt(PACKET_ID), page.getFloat(GAS), page.getFloat(BRAKE),
                page.getFloat(FUEL), page.getInt(GEAR), page.getInt(RPMS), page.getFloat(STEER_ANGLE),
                page.getFloat(SPEED_KMH), PageFields.vector(page, VELOCITY), PageFields.vector(page, ACC_G),
                PageFields.wheels(page, WHEEL_SLIP), PageFields.wheels(page, WHEELS_PRESSURE),
                PageFields.wheels(page, WHEEL_ANGULAR_SPEED), PageFields.wheels(page, TYRE_CORE_TEMPERATURE),
                PageFields.wheels(page, SUSPENSION_TRAVEL), page.getFloat(TC), page.getFloat(HEADING),
                page.getFloat(PITCH), page.getFloat(ROLL), PageFields.flag(page, PIT_LIMITER_ON),
                page.getFloat(ABS), page.getFloat(AIR_TEMP), page.getFloat(ROAD_TEMP),
                PageFields.wheels(page, BRAKE_TEMP), page.getFloat(CLUTCH), PageFields.flag(page, IS_AI_CONTROLLED),
                page.getFloat(BRAKE_BIAS), PageFields.wheels(page, SLIP_RATIO), PageFields.wheels(page, SLIP_ANGLE),
                page.getFloat(WATER_TEMP), PageFields.flag(page, IS_ENGINE_RUNNING));
    }

    /** The gear as the shared schema counts it: −1 reverse, 0 neutral, 1 first. */
    public int gear() {
        return rawGear - 1;
    }
}
