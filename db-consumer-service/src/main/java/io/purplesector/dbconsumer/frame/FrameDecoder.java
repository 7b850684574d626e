package io.purplesector.dbconsumer.frame;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.Wheels;
import java.io.IOException;

/**
 * Reads a {@link TelemetryRecord} that carries a frame straight from its protobuf encoding into
 * {@link FrameFields}, without building message objects. It follows protobuf-java's rules, so that
 * it accepts and refuses what {@code TelemetryRecord.parseFrom} does: a field with an unexpected
 * wire type is skipped as an unknown field, a message field that occurs twice is merged, strings
 * must be valid UTF-8, and anything truncated or malformed is an
 * {@link InvalidProtocolBufferException}. Which fields are read, and how, is the {@link Channel} table.
 *
 * <p>Records that are not a lone frame (session, lap and end messages, or an envelope with more
 * than one field) are left to the generated parser: they are few.
 */
public final class FrameDecoder {

    /** A tag is the field number shifted left by three bits, or-ed with the wire type. */
    private static final int FRAME_TAG =
            TelemetryRecord.FRAME_FIELD_NUMBER << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

    private final FrameFields frame = new FrameFields();

    /**
     * Decodes the record into {@link #frame()} if it is a frame.
     *
     * @return false when the record is something else, to be parsed as a whole
     * @throws InvalidProtocolBufferException when the bytes are not a valid encoding
     */
    public boolean decodeFrame(byte[] record) throws InvalidProtocolBufferException {
        try {
            CodedInputStream envelope = CodedInputStream.newInstance(record);
            frame.clear();
            boolean sawFrame = false;
            int tag;
            while ((tag = envelope.readTag()) != 0) {
                if (tag != FRAME_TAG) {
                    return false;
                }
                int limit = envelope.pushLimit(envelope.readRawVarint32());
                readFrame(envelope);
                envelope.popLimit(limit);
                sawFrame = true;
            }
            return sawFrame;
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
    }

    /** The frame last decoded; refilled by the next call. */
    public FrameFields frame() {
        return frame;
    }

    private void readFrame(CodedInputStream in) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            Channel channel = Channel.ofField(field);
            if (channel != null) {
                readChannel(in, tag, channel);
            } else if (field == TelemetryFrame.SEQUENCE_FIELD_NUMBER && wireType(tag) == WireFormat.WIRETYPE_VARINT) {
                frame.sequence = in.readUInt64();
            } else if ((field == TelemetryFrame.SESSION_ID_FIELD_NUMBER || field == TelemetryFrame.USER_ID_FIELD_NUMBER)
                    && wireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                // Not stored with the frame (the session row has them), but checked as the parser would.
                in.readStringRequireUtf8();
            } else {
                in.skipField(tag);
            }
        }
    }

    /** One channel's value; a field with another wire type than its own is an unknown field, skipped. */
    private void readChannel(CodedInputStream in, int tag, Channel channel) throws IOException {
        int slot = channel.slot();
        long[] values = frame.values;
        switch (channel.kind()) {
            case FLOAT4 -> {
                if (wireType(tag) != WireFormat.WIRETYPE_FIXED32) {
                    in.skipField(tag);
                    return;
                }
                values[slot] = Float.floatToRawIntBits(in.readFloat());
            }
            case WHEELS -> {
                if (wireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    in.skipField(tag);
                    return;
                }
                wheels(in, slot);
            }
            case TIME, INT4, ENUM, BOOL -> {
                if (wireType(tag) != WireFormat.WIRETYPE_VARINT) {
                    in.skipField(tag);
                    return;
                }
                values[slot] = switch (channel.kind()) {
                    case TIME -> in.readInt64();
                    case INT4 -> in.readInt32();
                    case ENUM -> in.readEnum();
                    default -> in.readBool() ? 1 : 0;
                };
            }
        }
        if (channel.nullable()) {
            frame.present[channel.ordinal()] = true;
        }
    }

    private static int wireType(int tag) {
        return WireFormat.getTagWireType(tag);
    }

    /** A per-wheel set; a second occurrence merges into the first, as protobuf does. */
    private void wheels(CodedInputStream in, int slot) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        long[] values = frame.values;
        int wheelTag;
        while ((wheelTag = in.readTag()) != 0) {
            if (wireType(wheelTag) != WireFormat.WIRETYPE_FIXED32) {
                in.skipField(wheelTag);
                continue;
            }
            switch (WireFormat.getTagFieldNumber(wheelTag)) {
                case Wheels.FRONT_LEFT_FIELD_NUMBER -> values[slot] = Float.floatToRawIntBits(in.readFloat());
                case Wheels.FRONT_RIGHT_FIELD_NUMBER -> values[slot + 1] = Float.floatToRawIntBits(in.readFloat());
                case Wheels.REAR_LEFT_FIELD_NUMBER -> values[slot + 2] = Float.floatToRawIntBits(in.readFloat());
                case Wheels.REAR_RIGHT_FIELD_NUMBER -> values[slot + 3] = Float.floatToRawIntBits(in.readFloat());
                default -> in.skipField(wheelTag);
            }
        }
        in.popLimit(limit);
    }
}
