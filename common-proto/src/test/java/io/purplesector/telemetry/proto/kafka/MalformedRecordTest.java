package io.purplesector.telemetry.proto.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.kafka.MalformedRecordException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class MalformedRecordTest {

    private final TelemetryRecordDeserializer deserializer = new TelemetryRecordDeserializer();

    @Test
    void rejectsBytesThatAreNotProtobuf() {
        byte[] json = "{\"speed\": 209.4}".getBytes(StandardCharsets.UTF_8);

        MalformedRecordException error = catchThrowableOfType(MalformedRecordException.class,
                () -> deserializer.deserialize("telemetry-user-a", json));

        assertThat(error.reason()).isEqualTo(Reason.NOT_PROTOBUF);
        assertThat(error).hasMessageContaining("telemetry-user-a").hasMessageContaining("16 bytes")
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void rejectsTruncatedRecord() {
        byte[] whole = SampleMessages.telemetryRecords().get(0).toByteArray();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);

        assertThatThrownBy(() -> deserializer.deserialize("telemetry", truncated))
                .isInstanceOfSatisfying(MalformedRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_PROTOBUF));
    }

    @Test
    void rejectsEmptyValueAsCarryingNoPayload() {
        assertThatThrownBy(() -> deserializer.deserialize("telemetry", new byte[0]))
                .isInstanceOfSatisfying(MalformedRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_PAYLOAD));
    }

    @Test
    void rejectsBareFrameWrittenWithoutTheRecordEnvelope() {
        // A frame on its own (as the earlier implementation published it) parses as an envelope
        // holding only unknown fields: it must not pass as an empty record.
        byte[] bareFrame = SampleMessages.frame().toByteArray();

        assertThatThrownBy(() -> deserializer.deserialize("telemetry", bareFrame))
                .isInstanceOfSatisfying(MalformedRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_PAYLOAD));
    }

    @Test
    void rejectsCommandWithoutAction() {
        byte[] bytes = Command.newBuilder().setCommandId("c-1").setUserId("a").build().toByteArray();

        assertThatThrownBy(() -> new CommandDeserializer().deserialize("commands", bytes))
                .isInstanceOfSatisfying(MalformedRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_PAYLOAD));
    }

    @Test
    void rejectsValueWhoseHeadersAnnounceAnotherEncoding() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(HeaderNames.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = SampleMessages.telemetryRecords().get(0).toByteArray();

        assertThatThrownBy(() -> deserializer.deserialize("telemetry", headers, bytes))
                .isInstanceOfSatisfying(MalformedRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_ENCODING))
                .hasMessageContaining("application/json");
    }

    @Test
    void rejectsValueWhoseHeadersAnnounceAnotherMessage() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(HeaderNames.VALUE_TYPE, "purplesector.telemetry.Command".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = SampleMessages.telemetryRecords().get(0).toByteArray();

        assertThatThrownBy(() -> deserializer.deserialize("telemetry", headers, bytes))
                .isInstanceOfSatisfying(MalformedRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_ENCODING));
    }

    @Test
    void acceptsValueWithoutHeaders() {
        TelemetryRecord record = SampleMessages.telemetryRecords().get(1);

        assertThat(deserializer.deserialize("telemetry", new RecordHeaders(), record.toByteArray()))
                .isEqualTo(record);
    }
}
