package io.purplesector.telemetry.proto.kafka;

import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Writes any protobuf message as its binary encoding and marks the record with the
 * {@link HeaderNames#CONTENT_TYPE content type} and {@link HeaderNames#VALUE_TYPE message type},
 * so that readers outside Purple Sector know how to decode it.
 */
public class ProtobufSerializer<T extends Message> implements Serializer<T> {

    private static final byte[] PROTOBUF = HeaderNames.PROTOBUF.getBytes(StandardCharsets.UTF_8);

    @Override
    public byte @Nullable [] serialize(String topic, @Nullable T data) {
        return data == null ? null : data.toByteArray();
    }

    @Override
    public byte @Nullable [] serialize(String topic, Headers headers, @Nullable T data) {
        if (data == null) {
            return null;
        }
        headers.remove(HeaderNames.CONTENT_TYPE).add(HeaderNames.CONTENT_TYPE, PROTOBUF);
        headers.remove(HeaderNames.VALUE_TYPE).add(HeaderNames.VALUE_TYPE,
                data.getDescriptorForType().getFullName().getBytes(StandardCharsets.UTF_8));
        return data.toByteArray();
    }
}
