package io.purplesector.collector.acc.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The datagrams a client sends ACC (B.3), little-endian, strings as a u16 UTF-8 byte length then
 * the bytes (never {@code String.length()}: B.9.5).
 */
public final class BroadcastingRequests {

    /** The protocol version this client speaks (B.7). */
    public static final int PROTOCOL_VERSION = 4;
    /** The longest string the u16 length prefix can carry, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 0xFFFF;

    static final int REGISTER_COMMAND_APPLICATION = 1;
    static final int UNREGISTER_COMMAND_APPLICATION = 9;
    static final int REQUEST_ENTRY_LIST = 10;
    static final int REQUEST_TRACK_DATA = 11;
    static final int CHANGE_HUD_PAGE = 49;
    static final int CHANGE_FOCUS = 50;
    static final int INSTANT_REPLAY_REQUEST = 51;

    private BroadcastingRequests() {
    }

    /** Registers as a client receiving updates every {@code updateIntervalMs}. */
    public static byte[] register(String displayName, String connectionPassword, int updateIntervalMs,
            String commandPassword) {
        return new Writer(REGISTER_COMMAND_APPLICATION).u8(PROTOCOL_VERSION).string(displayName)
                .string(connectionPassword).i32(updateIntervalMs).string(commandPassword).bytes();
    }

    /** Leaves; the connection id is appended as most maintained clients do (B.9.2). */
    public static byte[] unregister(int connectionId) {
        return new Writer(UNREGISTER_COMMAND_APPLICATION).i32(connectionId).bytes();
    }

    public static byte[] requestEntryList(int connectionId) {
        return new Writer(REQUEST_ENTRY_LIST).i32(connectionId).bytes();
    }

    public static byte[] requestTrackData(int connectionId) {
        return new Writer(REQUEST_TRACK_DATA).i32(connectionId).bytes();
    }

    /** Shows a HUD page (a name from the track data's pages). Needs write access. */
    public static byte[] changeHudPage(int connectionId, String hudPage) {
        return new Writer(CHANGE_HUD_PAGE).i32(connectionId).string(hudPage).bytes();
    }

    /**
     * Focuses a car and/or a camera; a part left null is not changed (the flag byte says so, and
     * the field is then absent, as in the SDK: B.9.6). Needs write access.
     */
    public static byte[] changeFocus(int connectionId, @Nullable Integer carIndex, @Nullable String cameraSet,
            @Nullable String camera) {
        Writer out = new Writer(CHANGE_FOCUS).i32(connectionId);
        if (carIndex == null) {
            out.u8(0);
        } else {
            out.u8(1).u16(carIndex);
        }
        if (cameraSet == null || camera == null || cameraSet.isEmpty() || camera.isEmpty()) {
            out.u8(0);
        } else {
            out.u8(1).string(cameraSet).string(camera);
        }
        return out.bytes();
    }

    /**
     * Plays an instant replay from {@code startSessionTimeMs} for {@code durationMs}, focused on a car
     * (-1: unchanged) and a camera (empty: unchanged). Needs write access.
     */
    public static byte[] instantReplay(int connectionId, float startSessionTimeMs, float durationMs,
            int initialFocusedCarIndex, String initialCameraSet, String initialCamera) {
        return new Writer(INSTANT_REPLAY_REQUEST).i32(connectionId).f32(startSessionTimeMs).f32(durationMs)
                .i32(initialFocusedCarIndex).string(initialCameraSet).string(initialCamera).bytes();
    }

    /** A datagram being written: its type byte first. */
    private static final class Writer {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        private final ByteBuffer number = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);

        Writer(int type) {
            u8(type);
        }

        Writer u8(int value) {
            out.write(value);
            return this;
        }

        Writer u16(int value) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException(value + " does not fit a u16");
            }
            out.write(number.clear().putShort((short) value).array(), 0, 2);
            return this;
        }

        Writer i32(int value) {
            out.write(number.clear().putInt(value).array(), 0, 4);
            return this;
        }

        Writer f32(float value) {
            out.write(number.clear().putFloat(value).array(), 0, 4);
            return this;
        }

        Writer string(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > MAX_STRING_BYTES) {
                throw new IllegalArgumentException("A string of " + bytes.length + " UTF-8 bytes; at most "
                        + MAX_STRING_BYTES);
            }
            u16(bytes.length);
            out.write(bytes, 0, bytes.length);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
