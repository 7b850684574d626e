package io.purplesector.telemetry.proto.kafka;

/** Names of the headers of Purple Sector's Kafka records; values are UTF-8 strings. */
public final class HeaderNames {

    /** The session the record belongs to (telemetry topics; equals the key). */
    public static final String SESSION_ID = "sessionId";

    /** The user the record belongs to; absent for records that carry no user. */
    public static final String USER_ID = "userId";

    /** The service that produced the record, e.g. {@code collector-ac}. */
    public static final String SOURCE = "source";

    /** How the value is encoded; {@value #PROTOBUF} for every value written by Purple Sector. */
    public static final String CONTENT_TYPE = "contentType";

    /** Full protobuf name of the value's message, e.g. {@code purplesector.telemetry.TelemetryRecord}. */
    public static final String VALUE_TYPE = "valueType";

    /** The {@link #CONTENT_TYPE} of a protobuf binary value. */
    public static final String PROTOBUF = "application/x-protobuf";

    private HeaderNames() {
    }
}
