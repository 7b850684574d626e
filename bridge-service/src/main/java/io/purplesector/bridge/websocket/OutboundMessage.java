package io.purplesector.bridge.websocket;

import io.purplesector.telemetry.proto.WebSocketMessage;

/**
 * A message for any number of clients, encoded at most once per encoding however many clients
 * receive it. Used by one thread at a time (the one routing it).
 */
final class OutboundMessage {

    private final WebSocketMessage message;
    private EncodedFrame protobuf;
    private EncodedFrame json;

    OutboundMessage(WebSocketMessage message) {
        this.message = message;
    }

    WebSocketMessage message() {
        return message;
    }

    /** The frame to queue for a client: binary protobuf, or text JSON for JSON clients. */
    EncodedFrame encodedFor(boolean jsonClient) {
        if (jsonClient) {
            if (json == null) {
                json = EncodedFrame.text(MessageCodec.json(message));
            }
            return json;
        }
        if (protobuf == null) {
            protobuf = EncodedFrame.binary(MessageCodec.protobuf(message));
        }
        return protobuf;
    }
}
