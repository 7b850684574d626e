package io.purplesector.dbconsumer.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import io.purplesector.telemetry.proto.TelemetryFrame;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The channel table against the schema: every field of a frame is stored, or said not to be. */
class ChannelTest {

    @Test
    void everyFieldOfTelemetryFrameIsAChannelOrSaidNotToBeStored() {
        List<String> channels = Channel.all().stream().map(channel -> channel.field().getName()).toList();
        List<String> unaccounted = TelemetryFrame.getDescriptor().getFields().stream().map(FieldDescriptor::getName)
                .filter(field -> !channels.contains(field) && !Channel.NOT_STORED.containsKey(field)).toList();

        assertThat(unaccounted).as("fields of TelemetryFrame neither stored (a Channel) nor in Channel.NOT_STORED")
                .isEmpty();
    }

    @Test
    void whatIsNotStoredIsAFieldAndNoChannel() {
        assertThat(Channel.NOT_STORED.keySet()).allSatisfy(field -> {
            assertThat(TelemetryFrame.getDescriptor().findFieldByName(field)).as(field).isNotNull();
            assertThat(Channel.all()).noneMatch(channel -> channel.field().getName().equals(field));
        });
    }

    @Test
    void columnsAreUniqueAndWheelsAreFourEach() {
        List<String> columns = Channel.columnNames().toList();
        assertThat(columns).doesNotHaveDuplicates();
        assertThat(Channel.BRAKE_TEMPERATURE.columns()).containsExactly("brake_temperature_fl",
                "brake_temperature_fr", "brake_temperature_rl", "brake_temperature_rr");
        assertThat(columns).hasSize(Channel.SLOTS);
    }

    @Test
    void optionalFieldsAndMessagesAreNullableColumnsAndTheRestAreNot() {
        assertThat(Channel.all().stream().filter(Channel::nullable).collect(Collectors.toSet()))
                .contains(Channel.SESSION_TIME, Channel.LAP_VALID, Channel.TYRE_PRESSURE)
                .doesNotContain(Channel.SPEED, Channel.GEAR, Channel.TIMESTAMP);
        assertThat(Channel.PIT_STATE.kind()).isEqualTo(Channel.Kind.ENUM);
        assertThat(Channel.TIMESTAMP.kind()).isEqualTo(Channel.Kind.TIME);
    }
}
