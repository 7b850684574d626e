package io.purplesector.dbconsumer.frame;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.Wheels;
import java.util.Arrays;

/**
 * The values of one {@link TelemetryFrame}, by {@link Channel}, in two arrays that are filled
 * again for every frame (by {@link FrameDecoder} straight from the wire, or from a parsed message):
 * the ingest reads tens of thousands of frames a second, and a message object with seven nested
 * ones per frame costs more to build and collect than storing the frame does. Meaning and units
 * of each value are those of {@code telemetry.proto}.
 */
public final class FrameFields {

    /** Each channel's value: a float's bits, an int, 0 or 1 for a bool; a wheels channel has four. */
    final long[] values = new long[Channel.SLOTS];
    /** Whether the frame carries each channel that can be absent. */
    final boolean[] present = new boolean[Channel.all().size()];
    /** The frame's own sequence number, 0 when the collector sent none. */
    public long sequence;

    public long getLong(Channel channel) {
        return values[channel.slot()];
    }

    public int getInt(Channel channel) {
        return (int) values[channel.slot()];
    }

    public float getFloat(Channel channel) {
        return Float.intBitsToFloat((int) values[channel.slot()]);
    }

    public boolean getBoolean(Channel channel) {
        return values[channel.slot()] != 0;
    }

    /** One wheel of a wheels channel: 0 front left, 1 front right, 2 rear left, 3 rear right. */
    public float getWheel(Channel channel, int wheel) {
        return Float.intBitsToFloat((int) values[channel.slot() + wheel]);
    }

    /** Whether the frame carries the channel; always true for one that cannot be absent. */
    public boolean has(Channel channel) {
        return !channel.nullable() || present[channel.ordinal()];
    }

    public long timestamp() {
        return getLong(Channel.TIMESTAMP);
    }

    /** Back to a frame with nothing set, as protobuf's defaults. */
    public FrameFields clear() {
        Arrays.fill(values, 0);
        Arrays.fill(present, false);
        sequence = 0;
        return this;
    }

    /** Fills these fields from a parsed frame (records that took the slow path, and tests). */
    public FrameFields copyOf(TelemetryFrame frame) {
        clear();
        sequence = frame.getSequence();
        for (Channel channel : Channel.all()) {
            if (channel.nullable() && !frame.hasField(channel.field())) {
                continue;
            }
            present[channel.ordinal()] = channel.nullable();
            Object value = frame.getField(channel.field());
            int slot = channel.slot();
            switch (channel.kind()) {
                case TIME -> values[slot] = (Long) value;
                case FLOAT4 -> values[slot] = Float.floatToRawIntBits((Float) value);
                case INT4 -> values[slot] = (Integer) value;
                case ENUM -> values[slot] = ((EnumValueDescriptor) value).getNumber();
                case BOOL -> values[slot] = (Boolean) value ? 1 : 0;
                case WHEELS -> {
                    Wheels wheels = (Wheels) value;
                    values[slot] = Float.floatToRawIntBits(wheels.getFrontLeft());
                    values[slot + 1] = Float.floatToRawIntBits(wheels.getFrontRight());
                    values[slot + 2] = Float.floatToRawIntBits(wheels.getRearLeft());
                    values[slot + 3] = Float.floatToRawIntBits(wheels.getRearRight());
                }
            }
        }
        return this;
    }

    /** Same values, channel by channel (floats by their bits: NaN equals NaN, as in the database). */
    public boolean sameAs(FrameFields other) {
        return sequence == other.sequence && Arrays.equals(values, other.values)
                && Arrays.equals(present, other.present);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("FrameFields[sequence=").append(sequence);
        for (Channel channel : Channel.all()) {
            text.append(", ").append(channel.field().getName()).append('=');
            if (!has(channel)) {
                text.append("absent");
            } else if (channel.kind() == Channel.Kind.FLOAT4) {
                text.append(getFloat(channel));
            } else if (channel.kind() == Channel.Kind.WHEELS) {
                text.append('[').append(getWheel(channel, 0)).append(", ").append(getWheel(channel, 1)).append(", ")
                        .append(getWheel(channel, 2)).append(", ").append(getWheel(channel, 3)).append(']');
            } else {
                text.append(getLong(channel));
            }
        }
        return text.append(']').toString();
    }
}
