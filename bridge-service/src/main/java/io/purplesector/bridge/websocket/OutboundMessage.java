package io.purplesector.bridge.websocket;

import io.purplesector.telemetry.proto.WebSocketMessage;

/**
 * A message for any number of clients, encoded at most once per encoding however many clients
 * receive it. Used by one thread at a time (the one routing it).
 */
final class OutboundMessage {

    private final WebSocketMessage message;
    private byte[] protobuf;
    private String json;

    OutboundMessage(WebSocketMessage message) {
        this.message = message;
    }

    /** The payload to queue for a client: bytes for protobuf clients, text for JSON clients. */
    Object encodedFor(boolean jsonClient) {
        if (jsonClient) {
            if (json == null) {
                json = MessageCodec.json(message);
            }
            return json;
        }
        if (protobuf == null) {
            protobuf = MessageCodec.protobuf(message);
        }
        return protobuf;
    }
}
