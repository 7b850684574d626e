package io.purplesector.dbconsumer.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.purplesector.telemetry.proto.TelemetryFrame;
import io.purplesector.telemetry.proto.Wheels;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The stored per-wheel sets against the schema: a set added to telemetry.proto is not silently lost. */
class WheelSetTest {

    @Test
    void everyPerWheelFieldOfTheFrameIsASetInTheSchemasOrder() {
        List<String> perWheelFields = TelemetryFrame.getDescriptor().getFields().stream()
                .filter(WheelSetTest::perWheel)
                .map(FieldDescriptor::getName).toList();

        assertThat(Stream.of(WheelSet.values()).map(WheelSet::column)).containsExactlyElementsOf(perWheelFields);
    }

    @Test
    void aFieldNumberNamesItsSetAndNoOtherFieldNamesOne() {
        for (FieldDescriptor field : TelemetryFrame.getDescriptor().getFields()) {
            WheelSet set = WheelSet.ofField(field.getNumber());
            assertThat(set == null ? null : set.column()).as("field %s", field.getName())
                    .isEqualTo(perWheel(field) ? field.getName() : null);
        }
        assertThat(WheelSet.ofField(10_000)).isNull();
    }

    private static boolean perWheel(FieldDescriptor field) {
        return field.getType() == FieldDescriptor.Type.MESSAGE && field.getMessageType().equals(Wheels.getDescriptor());
    }
}
