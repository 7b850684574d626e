package io.purplesector.dbconsumer.frame;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.Wheels;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The per-wheel sets of a frame that are stored, each as four columns (front left, front right,
 * rear left, rear right). Each constant is named after its field in {@code telemetry.proto}, which
 * gives it its field number and its columns' prefix; its ordinal is its index in
 * {@link FrameFields#wheels}.
 */
public enum WheelSet {
    TYRE_PRESSURE, TYRE_CORE_TEMPERATURE, BRAKE_TEMPERATURE, WHEEL_SLIP, WHEEL_ANGULAR_SPEED, TYRE_LOAD,
    SUSPENSION_TRAVEL, SLIP_ANGLE, SLIP_ANGLE_CONTACT_PATCH, SLIP_RATIO, NORMALIZED_SLIP, TYRE_LATERAL_GRIP,
    SELF_ALIGNING_TORQUE, TYRE_DIRT, CAMBER, TYRE_RADIUS, TYRE_LOADED_RADIUS;

    /** The set of each field number, null for fields that are no per-wheel set: one look-up per field read. */
    private static final WheelSet[] BY_FIELD_NUMBER;

    static {
        WheelSet[] sets = values();
        BY_FIELD_NUMBER = new WheelSet[Arrays.stream(sets).mapToInt(set -> set.field.getNumber()).max().orElse(0) + 1];
        for (WheelSet set : sets) {
            BY_FIELD_NUMBER[set.field.getNumber()] = set;
        }
    }

    private final FieldDescriptor field = Objects.requireNonNull(
            TelemetryFrame.getDescriptor().findFieldByName(name().toLowerCase(Locale.ROOT)),
            () -> "telemetry.proto has no TelemetryFrame field " + name().toLowerCase(Locale.ROOT));

    /** The set a field number of {@link TelemetryFrame} carries, or null when it carries none. */
    static WheelSet ofField(int fieldNumber) {
        return fieldNumber < BY_FIELD_NUMBER.length ? BY_FIELD_NUMBER[fieldNumber] : null;
    }

    /** The prefix of the set's columns, its field's name: {@code tyre_pressure} for {@code tyre_pressure_fl}. */
    public String column() {
        return field.getName();
    }

    boolean presentIn(TelemetryFrame frame) {
        return frame.hasField(field);
    }

    Wheels valuesIn(TelemetryFrame frame) {
        return (Wheels) frame.getField(field);
    }
}
