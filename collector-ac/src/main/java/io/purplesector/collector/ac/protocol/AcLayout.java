package io.purplesector.collector.ac.protocol;

/**
 * Where each field of the game's structures is, in bytes from the datagram's start
 * (game-protocols.md A.4 to A.6: the documented field order, offsets from independent
 * implementations and captures). Numbers are little-endian; names are 50 UTF-16LE code units.
 */
final class AcLayout {

    /** A name field: 50 UTF-16 code units. */
    static final int NAME_BYTES = 100;
    /** A per-wheel array: four floats, front left, front right, rear left, rear right. */
    static final int WHEELS_BYTES = 16;

    // Handshake response, 408 bytes (A.4).
    static final int HANDSHAKE_CAR_NAME = 0;
    static final int HANDSHAKE_DRIVER_NAME = 100;
    static final int HANDSHAKE_IDENTIFIER = 200;
    static final int HANDSHAKE_VERSION = 204;
    static final int HANDSHAKE_TRACK_NAME = 208;
    static final int HANDSHAKE_TRACK_CONFIG = 308;

    // RTCarInfo, 328 bytes (A.5). Byte 0 is 'a', bytes 1-3 padding with whatever was in memory.
    static final int CAR_IDENTIFIER = 0;
    static final int CAR_SIZE = 4;
    static final int CAR_SPEED_KMH = 8;
    static final int CAR_SPEED_MPH = 12;
    static final int CAR_SPEED_MS = 16;
    static final int CAR_ABS_ENABLED = 20;
    static final int CAR_ABS_IN_ACTION = 21;
    static final int CAR_TC_IN_ACTION = 22;
    static final int CAR_TC_ENABLED = 23;
    static final int CAR_IN_PIT = 24;
    static final int CAR_ENGINE_LIMITER_ON = 25;
    // 26-27: padding before the next float.
    static final int CAR_ACC_G_VERTICAL = 28;
    static final int CAR_ACC_G_HORIZONTAL = 32;
    static final int CAR_ACC_G_FRONTAL = 36;
    static final int CAR_LAP_TIME = 40;
    static final int CAR_LAST_LAP = 44;
    static final int CAR_BEST_LAP = 48;
    static final int CAR_LAP_COUNT = 52;
    static final int CAR_GAS = 56;
    static final int CAR_BRAKE = 60;
    static final int CAR_CLUTCH = 64;
    static final int CAR_ENGINE_RPM = 68;
    static final int CAR_STEER = 72;
    static final int CAR_GEAR = 76;
    static final int CAR_CG_HEIGHT = 80;
    static final int CAR_WHEEL_ANGULAR_SPEED = 84;
    static final int CAR_SLIP_ANGLE = 100;
    static final int CAR_SLIP_ANGLE_CONTACT_PATCH = 116;
    static final int CAR_SLIP_RATIO = 132;
    static final int CAR_TYRE_SLIP = 148;
    static final int CAR_ND_SLIP = 164;
    static final int CAR_LOAD = 180;
    static final int CAR_DY = 196;
    static final int CAR_MZ = 212;
    static final int CAR_TYRE_DIRTY_LEVEL = 228;
    static final int CAR_CAMBER_RAD = 244;
    static final int CAR_TYRE_RADIUS = 260;
    static final int CAR_TYRE_LOADED_RADIUS = 276;
    static final int CAR_SUSPENSION_HEIGHT = 292;
    static final int CAR_POSITION_NORMALIZED = 308;
    static final int CAR_SLOPE = 312;
    static final int CAR_WORLD_X = 316;
    static final int CAR_WORLD_Y = 320;
    static final int CAR_WORLD_Z = 324;

    // RTLap, 212 bytes (A.6).
    static final int LAP_CAR_IDENTIFIER_NUMBER = 0;
    static final int LAP_LAP = 4;
    static final int LAP_DRIVER_NAME = 8;
    static final int LAP_CAR_NAME = 108;
    static final int LAP_TIME = 208;

    // Handshaker, 12 bytes (A.2).
    static final int HANDSHAKER_IDENTIFIER = 0;
    static final int HANDSHAKER_VERSION = 4;
    static final int HANDSHAKER_OPERATION = 8;

    private AcLayout() {
    }

    /** Whether the 4-byte field at this car-info offset is an int (lap times, count, gear) or a flag word, not a float. */
    static boolean carFieldIsNotAFloat(int offset) {
        return offset == CAR_ABS_ENABLED || offset == CAR_IN_PIT
                || (offset >= CAR_LAP_TIME && offset <= CAR_LAP_COUNT) || offset == CAR_GEAR;
    }
}
