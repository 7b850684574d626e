package io.purplesector.dbconsumer.frame;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.Wheels;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The channels of a {@link TelemetryFrame} the consumer stores, one line each: the constant is
 * named after its field in {@code telemetry.proto}, which gives it its number, its type and whether
 * it can be absent (then its column is NULL), and names the column it is stored in. The wire
 * decoder, the COPY writer, the export and the checks all follow this table, in its order: a new
 * channel is one line here plus the migration that adds its column. A field of the frame that is
 * neither here nor in {@link #NOT_STORED} fails the build ({@code ChannelTest}).
 */
public enum Channel {
    TIMESTAMP("time", Kind.TIME),
    LAP_NUMBER("lap_number"),
    LAP_TIME("lap_time_ms"),
    SESSION_TIME("session_time_s"),
    SESSION_TYPE("session_type"),
    TRACK_POSITION("track_position"),
    DELTA("delta_ms"),
    NORMALIZED_POSITION("normalized_position"),
    SPEED("speed_kmh"),
    THROTTLE("throttle"),
    BRAKE("brake"),
    CLUTCH("clutch"),
    STEERING("steering"),
    GEAR("gear"),
    RAW_GEAR("raw_gear"),
    RPM("rpm"),
    ENGINE_RPM("engine_rpm"),
    LIMITER_ACTIVE("limiter_active"),
    WORLD_X("world_x"),
    WORLD_Y("world_y"),
    WORLD_Z("world_z"),
    G_LATERAL("g_lateral"),
    G_LONGITUDINAL("g_longitudinal"),
    G_VERTICAL("g_vertical"),
    TYRE_PRESSURE("tyre_pressure"),
    TYRE_CORE_TEMPERATURE("tyre_core_temperature"),
    BRAKE_TEMPERATURE("brake_temperature"),
    WHEEL_SLIP("wheel_slip"),
    WHEEL_ANGULAR_SPEED("wheel_angular_speed"),
    TYRE_LOAD("tyre_load"),
    SUSPENSION_TRAVEL("suspension_travel"),
    SLIP_ANGLE("slip_angle"),
    SLIP_ANGLE_CONTACT_PATCH("slip_angle_contact_patch"),
    SLIP_RATIO("slip_ratio"),
    NORMALIZED_SLIP("normalized_slip"),
    TYRE_LATERAL_GRIP("tyre_lateral_grip"),
    SELF_ALIGNING_TORQUE("self_aligning_torque"),
    TYRE_DIRT("tyre_dirt"),
    CAMBER("camber"),
    TYRE_RADIUS("tyre_radius"),
    TYRE_LOADED_RADIUS("tyre_loaded_radius"),
    FUEL("fuel_l"),
    ABS_ENABLED("abs_enabled"),
    ABS_ACTIVE("abs_active"),
    TC_ENABLED("tc_enabled"),
    TC_ACTIVE("tc_active"),
    PIT_STATE("pit_state"),
    FLAG("flag"),
    LAP_VALID("lap_valid"),
    SECTOR("sector"),
    LAST_LAP_TIME("last_lap_time_ms"),
    BEST_LAP_TIME("best_lap_time_ms"),
    CG_HEIGHT("cg_height_m"),
    CAR_SLOPE("car_slope");

    /** Fields of {@link TelemetryFrame} that are read but stored elsewhere than in a channel column, and where. */
    public static final Map<String, String> NOT_STORED = Map.of(
            "session_id", "the session row (sessions.session_id), which each frame row refers to",
            "user_id", "the session row (sessions.user_id)",
            "sequence", "the row's own sequence column, numbered by the consumer where a collector sent none");

    /** How a channel is held and stored. */
    public enum Kind {
        /** int64 epoch milliseconds, stored as {@code timestamptz}. */
        TIME,
        /** float, {@code real}. */
        FLOAT4,
        /** int32, {@code integer}. */
        INT4,
        /** An enum's number, {@code integer}: numbers the schema does not know yet are kept. */
        ENUM,
        /** bool, {@code boolean}. */
        BOOL,
        /** A {@code Wheels} message: four {@code real} columns, front left, front right, rear left, rear right. */
        WHEELS;

        static Kind of(FieldDescriptor field) {
            return switch (field.getType()) {
                case FLOAT -> FLOAT4;
                case INT32 -> INT4;
                case ENUM -> ENUM;
                case BOOL -> BOOL;
                case MESSAGE -> {
                    if (field.getMessageType() != Wheels.getDescriptor()) {
                        throw new IllegalStateException("No columns for a " + field.getMessageType().getName()
                                + " (" + field.getName() + ")");
                    }
                    yield WHEELS;
                }
                default -> throw new IllegalStateException("Say how to store " + field.getName() + " (a "
                        + field.getType() + "): give its channel a Kind");
            };
        }
    }

    /** The four columns of a {@link Kind#WHEELS} channel, by this suffix after its name. */
    static final List<String> WHEEL_SUFFIXES = List.of("fl", "fr", "rl", "rr");

    private static final Channel[] ALL = values();
    private static final Channel[] BY_FIELD_NUMBER;
    private static final int[] FIRST_SLOT = new int[ALL.length];
    /** Each channel's columns, computed once: the COPY writer asks for every frame. */
    private static final List<List<String>> COLUMNS = Arrays.stream(ALL)
            .map(channel -> channel.kind == Kind.WHEELS
                    ? WHEEL_SUFFIXES.stream().map(wheel -> channel.column + "_" + wheel).toList()
                    : List.of(channel.column))
            .toList();
    /** How many values a frame holds: one per channel, four per {@link Kind#WHEELS} channel. */
    static final int SLOTS;

    static {
        BY_FIELD_NUMBER = new Channel[Arrays.stream(ALL).mapToInt(Channel::fieldNumber).max().orElse(0) + 1];
        int slot = 0;
        for (Channel channel : ALL) {
            BY_FIELD_NUMBER[channel.fieldNumber()] = channel;
            FIRST_SLOT[channel.ordinal()] = slot;
            slot += channel.width();
        }
        SLOTS = slot;
    }

    private final String column;
    private final FieldDescriptor field;
    private final Kind kind;
    private final boolean nullable;

    Channel(String column) {
        this(column, null);
    }

    Channel(String column, @Nullable Kind kind) {
        this.column = column;
        String fieldName = name().toLowerCase(Locale.ROOT);
        this.field = Objects.requireNonNull(TelemetryFrame.getDescriptor().findFieldByName(fieldName),
                () -> "telemetry.proto has no TelemetryFrame field " + fieldName);
        this.kind = kind != null ? kind : Kind.of(field);
        this.nullable = field.hasPresence();
    }

    /** Every channel, in column order. */
    public static List<Channel> all() {
        return List.of(ALL);
    }

    /** The channel a field number of {@link TelemetryFrame} carries, or null when it carries none. */
    static @Nullable Channel ofField(int fieldNumber) {
        return fieldNumber < BY_FIELD_NUMBER.length ? BY_FIELD_NUMBER[fieldNumber] : null;
    }

    /** The columns of {@code telemetry_frames} the channels are stored in, in order. */
    public static Stream<String> columnNames() {
        return Arrays.stream(ALL).flatMap(channel -> channel.columns().stream());
    }

    public FieldDescriptor field() {
        return field;
    }

    public int fieldNumber() {
        return field.getNumber();
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the field can be absent from a frame (proto3 {@code optional} or a message): then its columns are NULL. */
    public boolean nullable() {
        return nullable;
    }

    /** The column, or for a {@link Kind#WHEELS} channel the columns, it is stored in. */
    public List<String> columns() {
        return COLUMNS.get(ordinal());
    }

    /** How many columns (and values) it has: four for a wheels channel, one otherwise. */
    public int width() {
        return kind == Kind.WHEELS ? WHEEL_SUFFIXES.size() : 1;
    }

    /** Where its value (or its first wheel's) is in {@link FrameFields}. */
    int slot() {
        return FIRST_SLOT[ordinal()];
    }
}
