package io.purplesector.bridge.websocket;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.purplesector.telemetry.proto.WebSocketMessage;

/**
 * The two encodings of the WebSocket protocol: binary protobuf {@link WebSocketMessage}s, and the
 * earlier implementation's JSON, {@code {"type":"TELEMETRY","data":{...}}} with the payload in
 * protobuf's JSON form. Clients write JSON as protobuf's JSON form of a {@link WebSocketMessage}
 * ({@code {"type":"PING"}}, {@code {"type":"SUBSCRIBE","subscription":{"sessionId":"..."}}}).
 */
final class MessageCodec {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private MessageCodec() {
    }

    static byte[] protobuf(WebSocketMessage message) {
        return message.toByteArray();
    }

    static String json(WebSocketMessage message) {
        Message data = payload(message);
        try {
            return "{\"type\":\"" + message.getType().name() + "\",\"data\":"
                    + (data == null ? "null" : PRINTER.print(data)) + "}";
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Cannot print " + message.getType() + " as JSON", e);
        }
    }

    static WebSocketMessage parseProtobuf(byte[] bytes) throws InvalidProtocolBufferException {
        return WebSocketMessage.parseFrom(bytes);
    }

    static WebSocketMessage parseJson(String json) throws InvalidProtocolBufferException {
        WebSocketMessage.Builder builder = WebSocketMessage.newBuilder();
        PARSER.merge(json, builder);
        return builder.build();
    }

    private static Message payload(WebSocketMessage message) {
        if (message.hasTelemetry()) {
            return message.getTelemetry();
        }
        if (message.hasSessionStarted()) {
            return message.getSessionStarted();
        }
        if (message.hasLapCompleted()) {
            return message.getLapCompleted();
        }
        if (message.hasSessionEnded()) {
            return message.getSessionEnded();
        }
        if (message.hasStandings()) {
            return message.getStandings();
        }
        if (message.hasCommandOutcome()) {
            return message.getCommandOutcome();
        }
        return message.hasStatus() ? message.getStatus() : null;
    }
}
