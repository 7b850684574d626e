package io.purplesector.telemetry.proto.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TelemetryRecordsTest {

    static java.util.List<TelemetryRecord> everyPayload() {
        return SampleMessages.telemetryRecords();
    }

    @ParameterizedTest
    @MethodSource("everyPayload")
    void recordOfAUserGoesToTheUsersTopicKeyedBySession(TelemetryRecord record) {
        ProducerRecord<String, TelemetryRecord> producerRecord =
                TelemetryRecords.producerRecord(Topics.TELEMETRY, "collector-ac", record);

        assertThat(producerRecord.topic()).isEqualTo("telemetry-user-driver_7");
        assertThat(producerRecord.key()).isEqualTo("session-42");
        assertThat(header(producerRecord, HeaderNames.SESSION_ID)).isEqualTo("session-42");
        assertThat(header(producerRecord, HeaderNames.USER_ID)).isEqualTo("driver_7");
        assertThat(header(producerRecord, HeaderNames.SOURCE)).isEqualTo("collector-ac");
    }

    @Test
    void recordWithoutUserGoesToTheSharedTopicWithoutUserHeader() {
        TelemetryRecord record = frame(TelemetryFrame.newBuilder().setSessionId("s-1"));

        ProducerRecord<String, TelemetryRecord> producerRecord =
                TelemetryRecords.producerRecord("telemetry-eu", "collector-demo", record);

        assertThat(producerRecord.topic()).isEqualTo("telemetry-eu");
        assertThat(producerRecord.key()).isEqualTo("s-1");
        assertThat(producerRecord.headers().lastHeader(HeaderNames.USER_ID)).isNull();
    }

    @Test
    void refusesRecordWithoutSessionOrPayloadOrWithIllegalUser() {
        assertThatThrownBy(() -> TelemetryRecords.producerRecord("telemetry", "x",
                frame(TelemetryFrame.newBuilder().setUserId("a"))))
                .hasMessage("A FRAME record needs a session id");
        assertThatThrownBy(() -> TelemetryRecords.producerRecord("telemetry", "x",
                TelemetryRecord.getDefaultInstance()))
                .hasMessage("A telemetry record needs a payload");
        assertThatThrownBy(() -> TelemetryRecords.producerRecord("telemetry", "x",
                frame(TelemetryFrame.newBuilder().setSessionId("s").setUserId("a.b"))))
                .isInstanceOf(InvalidUserIdException.class);
    }

    private static TelemetryRecord frame(TelemetryFrame.Builder frame) {
        return TelemetryRecord.newBuilder().setFrame(frame).build();
    }

    private static String header(ProducerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
