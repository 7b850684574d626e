package io.purplesector.bridge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client's outbound queue on a Netty channel whose event loop the test runs by hand: what is
 * written, in what order, with how many flushes, and what is refused.
 */
class ClientOutboundTest {

    private final Flushes flushes = new Flushes();
    private final ClosingHandshake closing = new ClosingHandshake(Duration.ZERO);
    private final EmbeddedChannel channel = new EmbeddedChannel(flushes, closing);
    private final List<EncodedFrame> written = new ArrayList<>();

    private ClientOutbound outbound(int capacity) {
        ClientOutbound outbound = new ClientOutbound(channel, closing, capacity, written::add);
        channel.pipeline().addLast(outbound);
        return outbound;
    }

    @Test
    void framesReachTheSocketInOrderOnTheEventLoop() {
        ClientOutbound outbound = outbound(16);
        List<EncodedFrame> frames = frames(3);

        frames.forEach(frame -> assertThat(outbound.offer(frame)).isTrue());
        assertThat(channel.outboundMessages()).as("nothing written before the event loop runs").isEmpty();
        channel.runPendingTasks();

        assertThat(socketBytes(3)).containsExactly(bytesOf(frames, 0), bytesOf(frames, 1), bytesOf(frames, 2));
        assertThat(written).containsExactlyElementsOf(frames);
    }

    @Test
    void aBurstIsWrittenWithOneFlush() {
        ClientOutbound outbound = outbound(16);

        frames(10).forEach(outbound::offer);
        channel.runPendingTasks();
        outbound.offer(frames(1).get(0));
        channel.runPendingTasks();

        assertThat(channel.outboundMessages()).hasSize(11);
        assertThat(flushes.count).isEqualTo(2);
    }

    @Test
    void aFullQueueRefusesFramesAndKeepsTheOnesItHolds() {
        ClientOutbound outbound = outbound(4);
        List<EncodedFrame> frames = frames(6);

        List<Boolean> accepted = frames.stream().map(outbound::offer).toList();
        channel.runPendingTasks();

        assertThat(accepted).containsExactly(true, true, true, true, false, false);
        assertThat(written).containsExactlyElementsOf(frames.subList(0, 4));
        assertThat(outbound.offer(frames.get(5))).as("room again once drained").isTrue();
    }

    @Test
    void framesWaitWhileTheChannelIsNotWritableAndFollowWhenItIs() {
        ClientOutbound outbound = outbound(16);
        List<EncodedFrame> frames = frames(3);

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        frames.forEach(outbound::offer);
        channel.runPendingTasks();
        assertThat(written).as("held while the socket's buffer is full").isEmpty();

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks();

        assertThat(written).containsExactlyElementsOf(frames);
        assertThat(channel.outboundMessages()).hasSize(3);
    }

    @Test
    void aClosedConnectionRefusesFrames() {
        ClientOutbound outbound = outbound(16);

        channel.close();

        assertThat(outbound.offer(frames(1).get(0))).isFalse();
        assertThat(written).isEmpty();
    }

    @Test
    void nothingIsWrittenOnceClosingEvenWhatWasQueued() {
        ClientOutbound outbound = outbound(16);
        outbound.offer(frames(1).get(0));

        CloseWebSocketFrame close = new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE);
        channel.writeAndFlush(close);
        channel.runPendingTasks();

        assertThat(outbound.offer(frames(1).get(0))).isFalse();
        assertThat(written).isEmpty();
        assertThat(channel.outboundMessages()).as("the close frame alone").containsExactly(close);
    }

    private static List<EncodedFrame> frames(int count) {
        List<EncodedFrame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(EncodedFrame.binary(new byte[] {(byte) i, 42}));
        }
        return frames;
    }

    private static byte[] bytesOf(List<EncodedFrame> frames, int index) {
        return ByteBufUtil.getBytes(frames.get(index).forClient());
    }

    private List<byte[]> socketBytes(int count) {
        List<byte[]> bytes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteBuf buffer = channel.readOutbound();
            bytes.add(ByteBufUtil.getBytes(buffer));
        }
        return bytes;
    }

    /** Counts the flushes that reach the socket. */
    private static final class Flushes extends ChannelOutboundHandlerAdapter {
        private int count;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count++;
            ctx.flush();
        }
    }
}
