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
 * {@link InvalidProtocolBufferException}. Field numbers come from the generated classes.
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
            int type = WireFormat.getTagWireType(tag);
            boolean varint = type == WireFormat.WIRETYPE_VARINT;
            boolean fixed32 = type == WireFormat.WIRETYPE_FIXED32;
            boolean lengthDelimited = type == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            int field = WireFormat.getTagFieldNumber(tag);
            switch (field) {
                case TelemetryFrame.TIMESTAMP_FIELD_NUMBER -> { if (varint) { frame.timestamp = in.readInt64(); } else { in.skipField(tag); } }
                case TelemetryFrame.SPEED_FIELD_NUMBER -> { if (fixed32) { frame.speed = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.THROTTLE_FIELD_NUMBER -> { if (fixed32) { frame.throttle = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.BRAKE_FIELD_NUMBER -> { if (fixed32) { frame.brake = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.STEERING_FIELD_NUMBER -> { if (fixed32) { frame.steering = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.GEAR_FIELD_NUMBER -> { if (varint) { frame.gear = in.readInt32(); } else { in.skipField(tag); } }
                case TelemetryFrame.RPM_FIELD_NUMBER -> { if (varint) { frame.rpm = in.readInt32(); } else { in.skipField(tag); } }
                case TelemetryFrame.NORMALIZED_POSITION_FIELD_NUMBER -> { if (fixed32) { frame.normalizedPosition = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.LAP_NUMBER_FIELD_NUMBER -> { if (varint) { frame.lapNumber = in.readInt32(); } else { in.skipField(tag); } }
                case TelemetryFrame.LAP_TIME_FIELD_NUMBER -> { if (varint) { frame.lapTime = in.readInt32(); } else { in.skipField(tag); } }
                case TelemetryFrame.SESSION_TIME_FIELD_NUMBER -> {
                    if (fixed32) {
                        frame.sessionTime = in.readFloat();
                        frame.hasSessionTime = true;
                    } else {
                        in.skipField(tag);
                    }
                }
                case TelemetryFrame.SESSION_TYPE_FIELD_NUMBER -> { if (varint) { frame.sessionType = in.readInt32(); } else { in.skipField(tag); } }
                case TelemetryFrame.TRACK_POSITION_FIELD_NUMBER -> { if (varint) { frame.trackPosition = in.readInt32(); } else { in.skipField(tag); } }
                case TelemetryFrame.DELTA_FIELD_NUMBER -> { if (varint) { frame.delta = in.readInt32(); } else { in.skipField(tag); } }
                // Not stored with the frame (the session row has them), but checked as the parser would.
                case TelemetryFrame.SESSION_ID_FIELD_NUMBER, TelemetryFrame.USER_ID_FIELD_NUMBER -> {
                    if (lengthDelimited) {
                        in.readStringRequireUtf8();
                    } else {
                        in.skipField(tag);
                    }
                }
                case TelemetryFrame.SEQUENCE_FIELD_NUMBER -> { if (varint) { frame.sequence = in.readUInt64(); } else { in.skipField(tag); } }
                case TelemetryFrame.CLUTCH_FIELD_NUMBER -> { if (fixed32) { frame.clutch = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.ENGINE_RPM_FIELD_NUMBER -> { if (fixed32) { frame.engineRpm = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.RAW_GEAR_FIELD_NUMBER -> { if (varint) { frame.rawGear = in.readInt32(); } else { in.skipField(tag); } }
                case TelemetryFrame.LIMITER_ACTIVE_FIELD_NUMBER -> { if (varint) { frame.limiterActive = in.readBool(); } else { in.skipField(tag); } }
                case TelemetryFrame.WORLD_X_FIELD_NUMBER -> { if (fixed32) { frame.worldX = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.WORLD_Y_FIELD_NUMBER -> { if (fixed32) { frame.worldY = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.WORLD_Z_FIELD_NUMBER -> { if (fixed32) { frame.worldZ = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.G_LATERAL_FIELD_NUMBER -> { if (fixed32) { frame.gLateral = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.G_LONGITUDINAL_FIELD_NUMBER -> { if (fixed32) { frame.gLongitudinal = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.G_VERTICAL_FIELD_NUMBER -> { if (fixed32) { frame.gVertical = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.FUEL_FIELD_NUMBER -> { if (fixed32) { frame.fuel = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.ABS_ENABLED_FIELD_NUMBER -> { if (varint) { frame.absEnabled = in.readBool(); } else { in.skipField(tag); } }
                case TelemetryFrame.ABS_ACTIVE_FIELD_NUMBER -> { if (varint) { frame.absActive = in.readBool(); } else { in.skipField(tag); } }
                case TelemetryFrame.TC_ENABLED_FIELD_NUMBER -> { if (varint) { frame.tcEnabled = in.readBool(); } else { in.skipField(tag); } }
                case TelemetryFrame.TC_ACTIVE_FIELD_NUMBER -> { if (varint) { frame.tcActive = in.readBool(); } else { in.skipField(tag); } }
                case TelemetryFrame.PIT_STATE_FIELD_NUMBER -> { if (varint) { frame.pitState = in.readEnum(); } else { in.skipField(tag); } }
                case TelemetryFrame.FLAG_FIELD_NUMBER -> { if (varint) { frame.flag = in.readEnum(); } else { in.skipField(tag); } }
                case TelemetryFrame.LAP_VALID_FIELD_NUMBER -> {
                    if (varint) {
                        frame.lapValid = in.readBool();
                        frame.hasLapValid = true;
                    } else {
                        in.skipField(tag);
                    }
                }
                case TelemetryFrame.SECTOR_FIELD_NUMBER -> { if (varint) { frame.sector = in.readInt32(); } else { in.skipField(tag); } }
                case TelemetryFrame.LAST_LAP_TIME_FIELD_NUMBER -> { if (varint) { frame.lastLapTime = in.readInt32(); } else { in.skipField(tag); } }
                case TelemetryFrame.BEST_LAP_TIME_FIELD_NUMBER -> { if (varint) { frame.bestLapTime = in.readInt32(); } else { in.skipField(tag); } }
                case TelemetryFrame.CG_HEIGHT_FIELD_NUMBER -> { if (fixed32) { frame.cgHeight = in.readFloat(); } else { in.skipField(tag); } }
                case TelemetryFrame.CAR_SLOPE_FIELD_NUMBER -> { if (fixed32) { frame.carSlope = in.readFloat(); } else { in.skipField(tag); } }
                default -> {
                    WheelSet set = WheelSet.ofField(field);
                    if (set == null) {
                        in.skipField(tag);
                    } else {
                        wheels(in, tag, lengthDelimited, set);
                    }
                }
            }
        }
    }

    /** A per-wheel set; a second occurrence merges into the first, as protobuf does. */
    private void wheels(CodedInputStream in, int tag, boolean lengthDelimited, WheelSet set) throws IOException {
        if (!lengthDelimited) {
            in.skipField(tag);
            return;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        float[] values = frame.wheels[set.ordinal()];
        frame.hasWheels[set.ordinal()] = true;
        int wheelTag;
        while ((wheelTag = in.readTag()) != 0) {
            if (WireFormat.getTagWireType(wheelTag) != WireFormat.WIRETYPE_FIXED32) {
                in.skipField(wheelTag);
                continue;
            }
            switch (WireFormat.getTagFieldNumber(wheelTag)) {
                case Wheels.FRONT_LEFT_FIELD_NUMBER -> values[0] = in.readFloat();
                case Wheels.FRONT_RIGHT_FIELD_NUMBER -> values[1] = in.readFloat();
                case Wheels.REAR_LEFT_FIELD_NUMBER -> values[2] = in.readFloat();
                case Wheels.REAR_RIGHT_FIELD_NUMBER -> values[3] = in.readFloat();
                default -> in.skipField(wheelTag);
            }
        }
        in.popLimit(limit);
    }
}
