package io.purplesector.telemetry.proto.kafka;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads one protobuf message type. Bytes that are not that message raise a
 * {@link MalformedRecordException} with a reason; nothing is silently turned into an empty
 * message. A {@code null} value (a tombstone) stays {@code null}, as Kafka's own deserializers do.
 */
public abstract class ProtobufDeserializer<T extends Message> implements Deserializer<T> {

    private static final byte[] PROTOBUF = HeaderNames.PROTOBUF.getBytes(StandardCharsets.UTF_8);

    private final Parser<T> parser;
    private final Descriptor descriptor;
    private final byte[] valueType;

    protected ProtobufDeserializer(Parser<T> parser, Descriptor descriptor) {
        this.parser = parser;
        this.descriptor = descriptor;
        this.valueType = descriptor.getFullName().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public @Nullable T deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        T message;
        try {
            message = parser.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedRecordException(MalformedRecordException.Reason.NOT_PROTOBUF, topic,
                    data.length + " bytes are not a " + descriptor.getFullName() + ": " + e.getMessage(), e);
        }
        if (!hasPayload(message)) {
            throw new MalformedRecordException(MalformedRecordException.Reason.NO_PAYLOAD, topic,
                    data.length + " bytes decode as a " + descriptor.getFullName()
                            + " that carries no known payload");
        }
        return message;
    }

    @Override
    public @Nullable T deserialize(String topic, Headers headers, byte @Nullable [] data) {
        requireHeaders(topic, headers);
        return deserialize(topic, data);
    }

    /**
     * Checks what the headers say of the value. Headers are optional (records written by other
     * tools may have none), but when they are there they must describe this message.
     *
     * @throws MalformedRecordException with reason UNSUPPORTED_ENCODING when they describe another
     */
    public void requireHeaders(String topic, Headers headers) {
        requireHeader(topic, headers, HeaderNames.CONTENT_TYPE, PROTOBUF);
        requireHeader(topic, headers, HeaderNames.VALUE_TYPE, valueType);
    }

    /** Whether the decoded message carries something this reader can act on. */
    protected abstract boolean hasPayload(T message);

    /** Compares bytes, not strings: this runs for every record of every topic. */
    private static void requireHeader(String topic, Headers headers, String name, byte[] expected) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null || Arrays.equals(header.value(), expected)) {
            return;
        }
        throw new MalformedRecordException(MalformedRecordException.Reason.UNSUPPORTED_ENCODING, topic,
                "header " + name + " is \"" + new String(header.value(), StandardCharsets.UTF_8) + "\", expected \""
                        + new String(expected, StandardCharsets.UTF_8) + "\"");
    }
}
