package io.purplesector.bridge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Frames encoded once read back, by Netty's own client-side decoder, as what was encoded. */
class EncodedFrameTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 300, 65_535, 65_536, 200_000})
    void everyLengthEncodingReadsBackAsTheSamePayload(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 7);
        EncodedFrame frame = EncodedFrame.binary(payload);

        WebSocketFrame decoded = decode(frame.forClient());

        assertThat(decoded).isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(decoded.isFinalFragment()).isTrue();
        assertThat(ByteBufUtil.getBytes(decoded.content())).isEqualTo(payload);
        assertThat(frame.payloadBytes()).isEqualTo(length);
        decoded.release();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"PONG\"}", "Kyalami – Ré"})
    void textIsSentAsUtf8(String json) {
        WebSocketFrame decoded = decode(EncodedFrame.text(json).forClient());

        assertThat(decoded).isInstanceOf(TextWebSocketFrame.class);
        assertThat(((TextWebSocketFrame) decoded).text()).isEqualTo(json);
        decoded.release();
    }

    @Test
    void pingIsAnEmptyControlFrame() {
        WebSocketFrame decoded = decode(EncodedFrame.PING.forClient());

        assertThat(decoded).isInstanceOf(PingWebSocketFrame.class);
        assertThat(decoded.content().readableBytes()).isZero();
        assertThat(EncodedFrame.PING.payloadBytes()).isZero();
        decoded.release();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void eachClientWritesAWholeFrameOfItsOwn(int clients) {
        EncodedFrame frame = EncodedFrame.binary(new byte[] {1, 2, 3});
        for (int i = 0; i < clients; i++) {
            ByteBuf view = frame.forClient();
            view.skipBytes(view.readableBytes());
            // What a socket does once it has written a frame: the next client's view is whole.
            assertThat(view.release()).isFalse();
        }

        WebSocketFrame decoded = decode(frame.forClient());

        assertThat(ByteBufUtil.getBytes(decoded.content())).containsExactly(1, 2, 3);
        decoded.release();
    }

    /** As a browser reads it: unmasked server frames, extensions off. */
    private static WebSocketFrame decode(ByteBuf bytes) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 1 << 20));
        assertThat(client.writeInbound(bytes)).isTrue();
        WebSocketFrame frame = client.readInbound();
        assertThat(client.finish()).isFalse();
        return frame;
    }
}
