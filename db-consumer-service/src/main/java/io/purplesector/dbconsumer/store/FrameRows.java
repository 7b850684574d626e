package io.purplesector.dbconsumer.store;

import io.purplesector.dbconsumer.frame.Channel;
import io.purplesector.dbconsumer.frame.FrameFields;
import java.util.List;
import java.util.stream.Stream;

/**
 * Frames as rows of {@code telemetry_frames} in PostgreSQL's binary COPY format: the fastest way
 * in, with no text to parse on the server. The columns and their encoding follow the
 * {@link Channel} table, after the two that place the row: the session and the sequence.
 */
public final class FrameRows {

    public static final List<String> COLUMNS =
            Stream.concat(Stream.of("session_ref", "sequence"), Channel.columnNames()).toList();

    /** The statement that takes the rows. */
    public static final String COPY_SQL =
            "COPY telemetry_frames (" + String.join(", ", COLUMNS) + ") FROM STDIN (FORMAT binary)";

    private static final List<Channel> CHANNELS = Channel.all();

    private final CopyBuffer buffer;

    FrameRows(CopyBuffer buffer) {
        this.buffer = buffer;
    }

    /** Encodes one frame of a session under the sequence number it is stored with. */
    void add(long sessionRef, long sequence, FrameFields frame) {
        buffer.row(COLUMNS.size());
        buffer.int8(sessionRef);
        buffer.int8(sequence);
        for (int i = 0; i < CHANNELS.size(); i++) {
            Channel channel = CHANNELS.get(i);
            if (!frame.has(channel)) {
                for (int column = 0; column < channel.width(); column++) {
                    buffer.nullValue();
                }
                continue;
            }
            switch (channel.kind()) {
                case TIME -> buffer.timestamptz(frame.getLong(channel));
                case FLOAT4 -> buffer.float4(frame.getFloat(channel));
                case INT4, ENUM -> buffer.int4(frame.getInt(channel));
                case BOOL -> buffer.bool(frame.getBoolean(channel));
                case WHEELS -> {
                    for (int wheel = 0; wheel < channel.width(); wheel++) {
                        buffer.float4(frame.getWheel(channel, wheel));
                    }
                }
            }
        }
    }
}
