package io.purplesector.telemetry.proto.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.purplesector.telemetry.proto.Command;
import io.purplesector.telemetry.proto.MessageType;
import io.purplesector.telemetry.proto.StatusMessage;
import io.purplesector.telemetry.proto.TelemetryRecord;
import io.purplesector.telemetry.proto.WebSocketMessage;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    private final ProtobufSerializer<Message> serializer = new ProtobufSerializer<>();

    static Stream<TelemetryRecord> telemetryRecords() {
        return SampleMessages.telemetryRecords().stream();
    }

    static Stream<Command> commands() {
        return SampleMessages.commands().stream();
    }

    @ParameterizedTest
    @MethodSource("telemetryRecords")
    void telemetryRecordSurvivesKafkaSerdes(TelemetryRecord record) {
        assertThat(roundTrip(record, new TelemetryRecordDeserializer())).isEqualTo(record);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void commandSurvivesKafkaSerdes(Command command) {
        assertThat(roundTrip(command, new CommandDeserializer())).isEqualTo(command);
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = "UNRECOGNIZED", mode = EnumSource.Mode.EXCLUDE)
    void webSocketMessageSurvivesEncoding(MessageType type) throws Exception {
        WebSocketMessage message = WebSocketMessage.newBuilder().setType(type)
                .setTelemetry(SampleMessages.frame())
                .setStatus(StatusMessage.newBuilder().setMessage("connected").setTimestamp(1_700_000_000_000L))
                .build();

        assertThat(WebSocketMessage.parseFrom(message.toByteArray())).isEqualTo(message);
    }

    @Test
    void serializerNamesEncodingAndMessageTypeInHeaders() {
        RecordHeaders headers = new RecordHeaders();

        serializer.serialize("telemetry", headers, SampleMessages.telemetryRecords().get(0));

        assertThat(header(headers, HeaderNames.CONTENT_TYPE)).isEqualTo("application/x-protobuf");
        assertThat(header(headers, HeaderNames.VALUE_TYPE)).isEqualTo("purplesector.telemetry.TelemetryRecord");
    }

    @Test
    void serializerReplacesRatherThanRepeatsHeadersOnRetry() {
        RecordHeaders headers = new RecordHeaders();
        TelemetryRecord record = SampleMessages.telemetryRecords().get(0);

        serializer.serialize("telemetry", headers, record);
        serializer.serialize("telemetry", headers, record);

        assertThat(headers.headers(HeaderNames.CONTENT_TYPE)).hasSize(1);
        assertThat(headers.headers(HeaderNames.VALUE_TYPE)).hasSize(1);
    }

    @Test
    void tombstoneStaysNull() {
        assertThat(serializer.serialize("telemetry", new RecordHeaders(), null)).isNull();
        assertThat(new TelemetryRecordDeserializer().deserialize("telemetry", new RecordHeaders(), (byte[]) null)).isNull();
    }

    private <T extends Message> T roundTrip(T message, Deserializer<T> deserializer) {
        RecordHeaders headers = new RecordHeaders();
        byte[] bytes = serializer.serialize("topic", headers, message);
        return deserializer.deserialize("topic", headers, bytes);
    }

    private static String header(RecordHeaders headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
