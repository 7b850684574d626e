package io.purplesector.telemetry.proto.kafka;

import io.purplesector.telemetry.proto.TelemetryRecord;

/** Reads the values of the telemetry topics. */
public class TelemetryRecordDeserializer extends ProtobufDeserializer<TelemetryRecord> {

    public TelemetryRecordDeserializer() {
        super(TelemetryRecord.parser(), TelemetryRecord.getDescriptor());
    }

    @Override
    protected boolean hasPayload(TelemetryRecord record) {
        return record.getPayloadCase() != TelemetryRecord.PayloadCase.PAYLOAD_NOT_SET;
    }
}
